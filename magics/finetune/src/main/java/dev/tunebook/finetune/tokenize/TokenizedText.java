package dev.tunebook.finetune.tokenize;

import java.util.Arrays;
import java.util.List;

/**
 * The result of tokenizing one text.
 *
 * @param text the text tokenized
 * @param ids token ids
 * @param tokens token strings as the vocabulary spells them (e.g. {@code Ġworld}, {@code ▁Hello})
 * @param offsets {@code [start, end)} of each token in {@code text}, counted in Unicode code points
 *     as transformers counts them; {@code [0, 0]} for added special tokens
 * @param special whether each token is a special token added by the post-processor
 */
public record TokenizedText(
        String text, long[] ids, List<String> tokens, int[][] offsets, boolean[] special) {

    /** Returns the number of tokens. */
    public int size() {
        return ids.length;
    }

    /** Returns the text of token {@code index} cut from {@code text} by its offsets. */
    public String span(int index) {
        int start = text.offsetByCodePoints(0, offsets[index][0]);
        int end = text.offsetByCodePoints(start, offsets[index][1] - offsets[index][0]);
        return text.substring(start, end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenizedText that
                && text.equals(that.text)
                && Arrays.equals(ids, that.ids)
                && tokens.equals(that.tokens)
                && Arrays.deepEquals(offsets, that.offsets)
                && Arrays.equals(special, that.special);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "TokenizedText" + tokens + Arrays.toString(ids);
    }
}
