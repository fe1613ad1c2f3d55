package dev.tunebook.finetune.train;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.data.TaskKind;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.LossMask;
import dev.tunebook.finetune.prompt.PromptRendering;
import dev.tunebook.finetune.tokenize.TokenizedText;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Row;

/**
 * A dataset tokenised for training, per split: classification rows as token ids and a label id
 * (truncated to the maximum length keeping the final special token, as transformers' truncation
 * keeps {@code [SEP]}), other rows as causal examples — rendered with the chat prompt when there is
 * one, trained only on the assistant's part. Causal rows whose trained part lies entirely beyond
 * the maximum length are left out (they have no loss term). Instances are immutable.
 */
public final class TrainingData {
    /** The split trained on. */
    public static final String TRAIN = "train";

    private final Map<String, List<Example>> splits;
    private final List<String> labelNames;
    private final boolean classification;

    private TrainingData(
            Map<String, List<Example>> splits, List<String> labelNames, boolean classification) {
        this.splits = splits;
        this.labelNames = labelNames;
        this.classification = classification;
    }

    /**
     * Tokenises every split of {@code dataset}.
     *
     * @param prompt how rows become conversations, or null (classification and completion data)
     * @throws IllegalArgumentException when the dataset has no train split, or instruction or chat
     *     data comes without a prompt
     */
    public static TrainingData of(
            Dataset dataset, Tokenizer tokenizer, ChatPrompt prompt, int maxLength) {
        if (!dataset.splits().has(TRAIN)) {
            throw new IllegalArgumentException(
                    "dataset " + dataset.name() + " has no 'train' split: " + dataset.splits());
        }
        boolean classification = dataset.task() == TaskKind.CLASSIFICATION && prompt == null;
        if (!classification && prompt == null && dataset.task() != TaskKind.COMPLETION) {
            throw new IllegalArgumentException(
                    "a " + dataset.task() + " dataset needs a prompt (%%prompt) to train on");
        }
        int[] labels = classification ? dataset.labelIds() : null;
        Map<String, List<Example>> splits = new LinkedHashMap<>();
        for (String split : dataset.splits().names()) {
            List<Example> examples = new ArrayList<>();
            for (int row : dataset.rows(split)) {
                Example example = example(dataset, row, tokenizer, prompt, maxLength, labels);
                if (example.isClassification() || anyTrained(example)) {
                    examples.add(example);
                }
            }
            splits.put(split, List.copyOf(examples));
        }
        return new TrainingData(
                splits, classification ? dataset.labelNames() : List.of(), classification);
    }

    private static Example example(
            Dataset dataset,
            int row,
            Tokenizer tokenizer,
            ChatPrompt prompt,
            int max,
            int[] labels) {
        if (labels != null) {
            long[] ids = tokenizer.encode(dataset.table().row(row).getString("text")).ids();
            return Example.classification(truncate(ids, max), labels[row]);
        }
        if (prompt == null) {
            return Example.causal(truncate(tokenizer.encode(dataset.textOf(row)).ids(), max));
        }
        PromptRendering rendering = prompt.render(rowValues(dataset.table().row(row)));
        TokenizedText tokens = tokenizer.encode(rendering.trainingText());
        boolean[] trained =
                LossMask.trainedTokens(tokens.offsets(), rendering.assistantSpansInCodePoints());
        int n = Math.min(max, tokens.size());
        return Example.causal(truncate(tokens.ids(), n), java.util.Arrays.copyOf(trained, n));
    }

    /**
     * Returns whether a causal example trains on any token: one whose reply was cut off by the
     * maximum length has no loss term (its loss would be 0/0) and is left out.
     */
    private static boolean anyTrained(Example example) {
        for (boolean trained : example.labelMask()) {
            if (trained) {
                return true;
            }
        }
        return false;
    }

    private static int[] truncate(long[] ids, int max) {
        int n = Math.min(ids.length, max);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        if (ids.length > max && max > 1) {
            out[n - 1] = Math.toIntExact(ids[ids.length - 1]);
        }
        return out;
    }

    private static Map<String, Object> rowValues(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : row.columnNames()) {
            values.put(column, row.getObject(column));
        }
        return values;
    }

    /** Returns a dataset made of already tokenised splits (for tests and custom pipelines). */
    public static TrainingData of(Map<String, List<Example>> splits, List<String> labelNames) {
        boolean classification = splits.values().iterator().next().get(0).isClassification();
        return new TrainingData(
                new LinkedHashMap<>(splits), List.copyOf(labelNames), classification);
    }

    /** Returns the examples of {@code split}; empty if there is no such split. */
    public List<Example> split(String split) {
        return splits.getOrDefault(split, List.of());
    }

    /** Returns the split names. */
    public List<String> splitNames() {
        return List.copyOf(splits.keySet());
    }

    /** Returns the validation split's name ({@code val} or {@code validation}), or null. */
    public String validationSplit() {
        for (String name : List.of("val", "validation", "eval", "dev")) {
            if (splits.containsKey(name) && !splits.get(name).isEmpty()) {
                return name;
            }
        }
        return null;
    }

    /** Returns the class names of a classification dataset (empty otherwise). */
    public List<String> labelNames() {
        return labelNames;
    }

    /** Returns whether the examples carry class labels. */
    public boolean isClassification() {
        return classification;
    }
}
