package dev.tunebook.finetune.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packs causal examples end to end into rows of exactly {@code length} tokens (the last may be
 * shorter), so that batches carry no padding. Each example is first truncated to {@code length}.
 * The first token of every example that does not start a row is not trained, so no loss term
 * predicts one example from the end of another.
 */
public final class SequencePacking {
    private SequencePacking() {}

    /**
     * Returns the packed rows as examples, in order.
     *
     * @throws IllegalArgumentException when an example is a classification example
     */
    public static List<Example> pack(List<Example> examples, int length) {
        List<Example> rows = new ArrayList<>();
        int[] ids = new int[length];
        boolean[] trained = new boolean[length];
        int used = 0;
        for (Example example : examples) {
            if (example.isClassification()) {
                throw new IllegalArgumentException("only causal examples can be packed");
            }
            int n = Math.min(example.length(), length);
            for (int t = 0; t < n; t++) {
                if (used == length) {
                    rows.add(new Example(ids.clone(), trained.clone(), -1));
                    used = 0;
                }
                ids[used] = example.inputIds()[t];
                trained[used] = example.labelMask()[t] && !(t == 0 && used > 0);
                used++;
            }
        }
        if (used > 0) {
            rows.add(new Example(Arrays.copyOf(ids, used), Arrays.copyOf(trained, used), -1));
        }
        return rows;
    }
}
