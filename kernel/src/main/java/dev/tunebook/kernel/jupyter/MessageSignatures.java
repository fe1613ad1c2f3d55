package dev.tunebook.kernel.jupyter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

/**
 * Checks the HMAC signature of each incoming message and refuses a signature seen before, as
 * ipykernel's {@code Session} does. Without a key (an empty {@code key} in the connection file)
 * nothing is signed, and, as in ipykernel, nothing is checked.
 *
 * <p>Thread-safe.
 */
final class MessageSignatures {
    private final HMACGenerator hmac;
    private final SignatureHistory history;

    MessageSignatures(HMACGenerator hmac, SignatureHistory history) {
        this.hmac = hmac;
        this.history = history;
    }

    /**
     * Accepts {@code frames} or throws.
     *
     * @throws RejectedMessageException when the signature is wrong or was seen before
     */
    void verify(WireFrames frames) {
        if (hmac == HMACGenerator.NO_AUTH_INSTANCE) {
            return;
        }
        String expected =
                hmac.calculateSignature(
                        frames.header(),
                        frames.parentHeader(),
                        frames.metadata(),
                        frames.content());
        byte[] expectedBytes = expected.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expectedBytes, frames.signature())) {
            throw new RejectedMessageException("invalid HMAC signature");
        }
        if (!history.firstSighting(expected)) {
            throw new RejectedMessageException("replayed, its signature was seen before");
        }
    }
}
