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
 */
class KernelInterruptIT {
    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void interruptsAnyCellAndSurvivesFatalOnes(Jdk jdk) throws Exception {
        KernelFixture fixture = KernelFixture.get();
        String signal = fixture.kernel(jdk, "signal");
        String message = fixture.kernel(jdk, "message");
        KernelFixture.ProcessResult result =
                fixture.python("interrupt_checks.py", Map.of(), signal, message);
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("0 checks failed"), result.output());
    }
}
