package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile clients on the wire ({@code wire_checks.py}, pyzmq and jupyter_client) on both JDKs: a
 * validly signed request replayed on its connection and from a new one runs once; a two-frame
 * message on shell, control or stdin, a truncated one and frames without a delimiter are dropped
 * whole, so the next request is served (an interrupt after a short control message stops {@code
 * while (true) {}} at once); trailing frames are buffers; a multipart heartbeat is echoed.
 */
class KernelWireIT {
    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void dropsReplayedAndMalformedMessagesWhole(Jdk jdk) throws Exception {
        KernelFixture fixture = KernelFixture.get();
        KernelFixture.ProcessResult result =
                fixture.python("wire_checks.py", Map.of(), fixture.kernel(jdk, "message"));
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("0 checks failed"), result.output());
        for (String logged :
                List.of(
                        "Dropped a message on shell: replayed",
                        "Dropped a message on control: malformed",
                        "Dropped a message on stdin: malformed",
                        "Dropped a message on shell: malformed, no <IDS|MSG> delimiter")) {
            assertTrue(result.output().contains(logged), "not logged: " + logged);
        }
    }
}
