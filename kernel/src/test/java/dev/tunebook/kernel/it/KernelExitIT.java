package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route from a cell to {@code Runtime.exit}, {@code Runtime.halt} and {@code System.exit}
 * ({@code exit_checks.py}: reflection, method handles, {@code Runtime.getRuntime().exit}, {@code
 * java.beans}, a class the cell compiles and loads, threads and executors it starts) ends with the
 * message a direct call gets, and the kernel keeps its variables; on Java 17 and on Java 25, where
 * no SecurityManager can veto an exit.
 */
class KernelExitIT {
    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void noRouteToExitEndsTheKernel(Jdk jdk) throws Exception {
        KernelFixture fixture = KernelFixture.get();
        KernelFixture.ProcessResult result =
                fixture.python("exit_checks.py", Map.of(), fixture.kernel(jdk, "signal"));
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("0 checks failed"), result.output());
        assertFalse(result.output().contains("without the exit guard"), result.output());
    }
}
