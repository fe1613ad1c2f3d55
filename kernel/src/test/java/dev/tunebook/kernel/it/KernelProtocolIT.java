package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocol behaviour jupyter_kernel_test does not cover (silent, store_history, user_expressions,
 * stop_on_error, stdin, bad HMAC, binding, history across restarts, ...), checked by {@code
 * protocol_checks.py} through jupyter_client on both JDKs.
 */
class KernelProtocolIT {
    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void followsTheMessagingProtocol(Jdk jdk) throws Exception {
        KernelFixture fixture = KernelFixture.get();
        String kernel = fixture.kernel(jdk, "signal");
        String history =
                fixture.scratch("protocol-" + jdk.label()).resolve("history.jsonl").toString();
        KernelFixture.ProcessResult result =
                fixture.python(
                        "protocol_checks.py",
                        Map.of("TUNEBOOK_KERNEL", kernel, "TUNEBOOK_HISTORY", history));
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("0 checks failed"), result.output());
        assertTrue(
                result.output().contains("invalid HMAC signature"),
                "the kernel logs dropped messages:\n" + result.output());
    }
}
