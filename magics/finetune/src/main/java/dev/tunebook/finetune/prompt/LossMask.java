package dev.tunebook.finetune.prompt;

import java.util.List;

/**
 * Assistant-only loss labels: a token is trained on when its characters overlap an assistant span;
 * every other token gets {@link #IGNORE_INDEX}, which the loss skips (as in transformers).
 *
 * <p>Offsets and spans must use the same unit. Hugging Face tokenizers (and DJL's {@code
 * Encoding.getCharTokenSpans()}) give code point indices, so pass {@link
 * PromptRendering#assistantSpansInCodePoints()}; the plain {@code char} spans are off by one after
 * every emoji. Tokens with an empty range, such as special tokens the tokenizer added, are never
 * trained on (DJL reports no span, null, for those: pass {@code {0, 0}}).
 */
public final class LossMask {

    /** The label that excludes a token from the loss. */
    public static final long IGNORE_INDEX = -100;

    private LossMask() {}

    /**
     * Returns, per token, whether it overlaps an assistant span.
     *
     * @throws IllegalArgumentException naming the first token whose offsets are not a {@code
     *     [start, end]} pair
     */
    public static boolean[] trainedTokens(int[][] offsets, List<Span> spans) {
        boolean[] trained = new boolean[offsets.length];
        for (int t = 0; t < offsets.length; t++) {
            int[] o = offsets[t];
            if (o == null || o.length != 2 || o[1] < o[0]) {
                throw new IllegalArgumentException(
                        "token " + t + ": offsets must be a [start, end] pair with end >= start");
            }
            for (Span s : spans) {
                if (s.overlaps(o[0], o[1])) {
                    trained[t] = true;
                    break;
                }
            }
        }
        return trained;
    }

    /**
     * Returns labels for causal-LM training: the token id where the token is trained on, {@link
     * #IGNORE_INDEX} elsewhere. The model shifts labels itself, as transformers' models do.
     *
     * @throws IllegalArgumentException if {@code ids} and {@code offsets} differ in length
     */
    public static long[] labels(long[] ids, int[][] offsets, List<Span> spans) {
        if (ids.length != offsets.length) {
            throw new IllegalArgumentException(
                    ids.length + " token ids but " + offsets.length + " offsets");
        }
        boolean[] trained = trainedTokens(offsets, spans);
        long[] labels = new long[ids.length];
        for (int t = 0; t < ids.length; t++) {
            labels[t] = trained[t] ? ids[t] : IGNORE_INDEX;
        }
        return labels;
    }
}
