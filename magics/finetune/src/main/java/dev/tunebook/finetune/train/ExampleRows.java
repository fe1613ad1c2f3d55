package dev.tunebook.finetune.train;

import dev.tunebook.finetune.data.Example;
import java.util.ArrayList;
import java.util.List;

/** Rows picked out of a split's tokenised examples, as the tasks batch them. */
final class ExampleRows {
    private ExampleRows() {}

    /** Returns the examples at {@code rows}, in that order. */
    static List<Example> pick(List<Example> examples, int[] rows) {
        List<Example> picked = new ArrayList<>(rows.length);
        for (int row : rows) {
            picked.add(examples.get(row));
        }
        return picked;
    }

    /** Returns the real tokens of the examples at {@code rows}, each cut at {@code maxLength}. */
    static long tokens(List<Example> examples, int[] rows, int maxLength) {
        long tokens = 0;
        for (int row : rows) {
            tokens += Math.min(maxLength, examples.get(row).length());
        }
        return tokens;
    }
}
