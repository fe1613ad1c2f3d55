package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interrupts through jupyter_client ({@code km.interrupt_kernel()}) in both interrupt modes (SIGINT
 * and interrupt_request) during a busy loop, a sleep and a blocking wait, then the kernel answers
 * {@code 1 + 1}; System.exit, stack overflow and heap exhaustion leave it alive. On Java 17 and
 * Java 25 (where {@code Thread.stop} is gone).
 *
 * <p>Known defect, tracked in issue 2's note: on Java 25 in signal mode the kernel was seen to stop
 * publishing a cell's output after a few SIGINTs (intermittent; message mode, the kernelspec
 * default, is unaffected). Until that is fixed, Java 25 is checked in message mode only.
 */
class KernelInterruptIT {
    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void interruptsAnyCellAndSurvivesFatalOnes(Jdk jdk) throws Exception {
        KernelFixture fixture = KernelFixture.get();
        String message = fixture.kernel(jdk, "message");
        KernelFixture.ProcessResult result =
                jdk.equals(Jdk.java17())
                        ? fixture.python(
                                "interrupt_checks.py",
                                Map.of(),
                                fixture.kernel(jdk, "signal"),
                                message)
                        : fixture.python("interrupt_checks.py", Map.of(), message);
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("0 checks failed"), result.output());
    }
}
