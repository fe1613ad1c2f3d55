package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Debian's jupyter_kernel_test suite, every sample attribute set, on Java 17 and Java 25. */
class KernelConformanceIT {
    static java.util.List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void passesJupyterKernelTest(Jdk jdk) throws Exception {
        KernelFixture fixture = KernelFixture.get();
        String kernel = fixture.kernel(jdk, "signal");
        KernelFixture.ProcessResult result =
                fixture.python("kernel_conformance.py", Map.of("TUNEBOOK_KERNEL", kernel));
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("skipped"), result.output());
    }
}
