package dev.tunebook.kernel.jupyter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of one whole multipart message, split as the Jupyter wire protocol lays them out:
 * routing identities, the {@code <IDS|MSG>} delimiter, the HMAC signature, header, parent header,
 * metadata and content, then any number of binary buffers.
 *
 * @param identities the routing identities before the delimiter
 * @param signature the hex HMAC signature (ASCII)
 * @param header the header JSON
 * @param parentHeader the parent header JSON
 * @param metadata the metadata JSON
 * @param content the content JSON
 * @param buffers the frames after the content (not signed, as in ipykernel)
 */
record WireFrames(
        List<byte[]> identities,
        byte[] signature,
        byte[] header,
        byte[] parentHeader,
        byte[] metadata,
        byte[] content,
        List<byte[]> buffers) {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNED_PARTS = 5;

    /**
     * Splits {@code frames}, all the frames of one message.
     *
     * @throws RejectedMessageException when there is no delimiter, or fewer than five frames (the
     *     signature and four JSON parts) follow it
     */
    static WireFrames split(List<byte[]> frames) {
        int delimiter = -1;
        for (int i = 0; i < frames.size() && delimiter < 0; i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
            }
        }
        if (delimiter < 0) {
            throw new RejectedMessageException(
                    "malformed, no <IDS|MSG> delimiter among its " + frames.size() + " frames");
        }
        int after = frames.size() - delimiter - 1;
        if (after < SIGNED_PARTS) {
            throw new RejectedMessageException(
                    "malformed, "
                            + after
                            + (after == 1 ? " frame" : " frames")
                            + " after <IDS|MSG> where the signature, header, parent header,"
                            + " metadata and content need 5");
        }
        int s = delimiter + 1;
        return new WireFrames(
                List.copyOf(frames.subList(0, delimiter)),
                frames.get(s),
                frames.get(s + 1),
                frames.get(s + 2),
                frames.get(s + 3),
                frames.get(s + 4),
                List.copyOf(frames.subList(s + SIGNED_PARTS, frames.size())));
    }
}
