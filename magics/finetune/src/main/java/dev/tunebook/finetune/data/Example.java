package dev.tunebook.finetune.data;

import java.util.Arrays;

/**
 * One tokenised training example: token ids and either which tokens are trained (causal language
 * modelling) or a class label (classification).
 *
 * @param inputIds token ids
 * @param labelMask for causal examples, true where the token is trained (its loss counts): the
 *     response, not the prompt; same length as {@code inputIds}
 * @param classLabel for classification examples the label id, else -1
 */
public record Example(int[] inputIds, boolean[] labelMask, int classLabel) {
    /** Checks the lengths agree. */
    public Example {
        if (labelMask != null && labelMask.length != inputIds.length) {
            throw new IllegalArgumentException(
                    "label mask has "
                            + labelMask.length
                            + " entries for "
                            + inputIds.length
                            + " tokens");
        }
    }

    /** Returns a causal example in which every token is trained. */
    public static Example causal(int[] inputIds) {
        boolean[] all = new boolean[inputIds.length];
        Arrays.fill(all, true);
        return new Example(inputIds, all, -1);
    }

    /** Returns a causal example in which the tokens where {@code labelMask} is true are trained. */
    public static Example causal(int[] inputIds, boolean[] labelMask) {
        return new Example(inputIds, labelMask, -1);
    }

    /** Returns a classification example. */
    public static Example classification(int[] inputIds, int classLabel) {
        if (classLabel < 0) {
            throw new IllegalArgumentException("class label must be >= 0, was " + classLabel);
        }
        return new Example(inputIds, null, classLabel);
    }

    /** Returns whether this example carries a class label rather than token labels. */
    public boolean isClassification() {
        return classLabel >= 0;
    }

    /** Returns the number of tokens. */
    public int length() {
        return inputIds.length;
    }
}
