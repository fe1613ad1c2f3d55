package dev.tunebook.finetune.train;

import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.data.Collator;
import dev.tunebook.finetune.data.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenised splits a task trains and evaluates on, with the collator that batches them: how
 * fine-tuning and classification pick, batch and count rows alike.
 *
 * @param data the tokenised splits
 * @param collator pads and cuts a batch
 */
record ExampleBatches(TrainingData data, Collator collator) {

    /** Returns the examples of split {@code name}. */
    List<Example> split(String name) {
        return data.split(name);
    }

    /** Returns the examples at {@code rows} of {@code examples}, in that order. */
    static List<Example> pick(List<Example> examples, int[] rows) {
        List<Example> picked = new ArrayList<>(rows.length);
        for (int row : rows) {
            picked.add(examples.get(row));
        }
        return picked;
    }

    /** Returns the batch of training rows {@code rows}. */
    Batch train(int[] rows) {
        return collator.collate(pick(split(TrainingData.TRAIN), rows));
    }

    /** Returns the real tokens of training rows {@code rows}, each cut at the maximum length. */
    long tokens(int[] rows) {
        List<Example> train = split(TrainingData.TRAIN);
        long tokens = 0;
        for (int row : rows) {
            tokens += Math.min(collator.maxLength(), train.get(row).length());
        }
        return tokens;
    }
}
