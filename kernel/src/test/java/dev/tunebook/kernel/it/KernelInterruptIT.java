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
 * <p>A cell that fills the heap makes every allocating thread fail, not only its own: the kernel's
 * socket loops must survive that (an IOPub sender that died that way once looked like a signal-mode
 * defect on Java 25, since the heap check runs after the interrupts).
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
                fixture.python(
                        "interrupt_checks.py", Map.of(), fixture.kernel(jdk, "signal"), message);
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("0 checks failed"), result.output());
    }
}
