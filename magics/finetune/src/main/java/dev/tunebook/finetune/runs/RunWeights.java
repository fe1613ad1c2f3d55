package dev.tunebook.finetune.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a fine-tune's weights are and what loading them needs, as its run record keeps them: the
 * checkpoint folder ({@code checkpoints}), the source of the base model it started from ({@code
 * base_model}: {@code hf:}, {@code maven:} or an absolute folder), the tokenizer file and text
 * prefix ({@code tokenizer}, {@code text_prefix}), the labels in the order of the head's outputs
 * ({@code labels}), the task ({@code task}: {@code classification} or {@code causal}) and, for a
 * model that an earlier run had already trained in place, that run ({@code base_run}). The trainer
 * writes them when a run starts; {@code FineTunedModel.load} reads them, so a run can be used again
 * after a kernel restart from the store alone. Any of them but {@code checkpoints} may be null in a
 * record written before tunebook kept them, or for a model loaded from no source.
 *
 * @param checkpoints the run's checkpoint folder ({@code Checkpoints})
 * @param baseModel the base model's source, or null
 * @param tokenizer the tokenizer's {@code tokenizer.json}, or null
 * @param textPrefix the text the tokenizer puts before every input ({@code "query: "} for e5)
 * @param labels the label names by head output, or null (causal runs)
 * @param task {@code classification} or {@code causal}, or null
 * @param baseRun the id of the run that had trained the model in place before this run started from
 *     it ({@code base_run}), or null when it started from the source's weights
 */
public record RunWeights(
        Path checkpoints,
        String baseModel,
        Path tokenizer,
        String textPrefix,
        List<String> labels,
        String task,
        String baseRun) {
    /** The task of a run that trains a classification head. */
    public static final String CLASSIFICATION = "classification";

    /** The task of a run that trains a causal language model (generation). */
    public static final String CAUSAL = "causal";

    static final String CHECKPOINTS = "checkpoints";
    static final String BASE_MODEL = "base_model";
    static final String TOKENIZER = "tokenizer";
    static final String TEXT_PREFIX = "text_prefix";
    static final String LABELS = "labels";
    static final String TASK = "task";
    static final String BASE_RUN = "base_run";

    /** Copies the labels. */
    public RunWeights {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /**
     * Returns what {@code run} records of its weights.
     *
     * @throws IllegalArgumentException if the run is no fine-tune, or records no checkpoint folder
     */
    public static RunWeights of(RunRecord run) {
        if (run.kind() != RunKind.FINETUNE) {
            throw new IllegalArgumentException(
                    "run "
                            + describe(run)
                            + " is a "
                            + run.kind().id()
                            + " run, not a fine-tune: it has no trained weights");
        }
        Map<String, Object> extra = run.extra();
        String checkpoints = text(extra, CHECKPOINTS);
        if (checkpoints == null) {
            throw new IllegalArgumentException(
                    "run " + describe(run) + " records no checkpoint folder (field checkpoints)");
        }
        String tokenizer = text(extra, TOKENIZER);
        List<String> labels = null;
        if (extra.get(LABELS) instanceof List<?> list) {
            labels = new ArrayList<>();
            for (Object label : list) {
                labels.add(String.valueOf(label));
            }
        }
        String prefix = text(extra, TEXT_PREFIX);
        return new RunWeights(
                Path.of(checkpoints),
                text(extra, BASE_MODEL),
                tokenizer == null ? null : Path.of(tokenizer),
                prefix == null ? "" : prefix,
                labels,
                text(extra, TASK),
                text(extra, BASE_RUN));
    }

    /** Writes these fields into {@code run}'s record, leaving out the null ones. */
    public void writeTo(RunRecord run) {
        Map<String, Object> extra = run.extra();
        put(extra, CHECKPOINTS, checkpoints == null ? null : checkpoints.toString());
        put(extra, BASE_MODEL, baseModel);
        put(extra, TOKENIZER, tokenizer == null ? null : tokenizer.toString());
        put(extra, TEXT_PREFIX, textPrefix == null || textPrefix.isEmpty() ? null : textPrefix);
        put(extra, LABELS, labels == null ? null : new ArrayList<>(labels));
        put(extra, TASK, task);
        put(extra, BASE_RUN, baseRun);
    }

    /** Returns {@code "NAME (ID)"}, how errors name a run. */
    public static String describe(RunRecord run) {
        return run.name() == null || run.name().equals(run.id())
                ? run.id()
                : run.name() + " (" + run.id() + ")";
    }

    private static void put(Map<String, Object> extra, String key, Object value) {
        if (value != null) {
            extra.put(key, value);
        }
    }

    private static String text(Map<String, Object> extra, String key) {
        return extra.get(key) instanceof String s && !s.isBlank() ? s : null;
    }
}
