package dev.tunebook.finetune.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.List;

/**
 * Measures a model's inference cost on the device it sits on: one forward pass per example at batch
 * size 1 (after a few warm-up passes, whose times are dropped) for the latency percentiles, then
 * the same examples in padded batches for the throughput, and the size of the saved weights. For
 * LoRA both forms are measured: unmerged (the adapter applied on the fly; size of the adapter) and
 * merged (the update added into the base weights; size of the full model).
 *
 * <p>Each pass ends by reading one number computed from its output, so asynchronous devices have
 * finished the work that is timed. Instances are immutable.
 */
public final class InferenceProfiler {
    private final int warmup;
    private final int batchSize;

    /** Creates a profiler with {@code warmup} untimed passes and batches of {@code batchSize}. */
    public InferenceProfiler(int warmup, int batchSize) {
        if (warmup < 0 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "warm-up must be >= 0 and batch size >= 1: " + warmup + ", " + batchSize);
        }
        this.warmup = warmup;
        this.batchSize = batchSize;
    }

    /** Creates a profiler with 3 warm-up passes and batches of 32. */
    public InferenceProfiler() {
        this(3, 32);
    }

    /**
     * Profiles {@code model} on {@code texts}.
     *
     * @param modelBytes the saved size to report (see {@link ModelSize})
     * @throws IllegalArgumentException if there are no texts
     */
    public InferenceProfile profile(
            LanguageModel model, Tokenizer tokenizer, List<String> texts, long modelBytes) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to profile inference on");
        }
        EncoderBatches batches = new EncoderBatches(model, tokenizer, batchSize, maxLength(model));
        long[][] ids = texts.stream().map(batches::tokenize).toArray(long[][]::new);
        for (int i = 0; i < warmup; i++) {
            timeOne(model, ids[i % ids.length]);
        }
        double[] latencies = new double[ids.length];
        long tokens = 0;
        for (int i = 0; i < ids.length; i++) {
            Cancellation.current().throwIfCancelled();
            latencies[i] = timeOne(model, ids[i]);
            tokens += ids[i].length;
        }
        long start = System.nanoTime();
        batches.apply(texts, (input, mask) -> summary(model.forward(input, mask)));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new InferenceProfile(
                latencies,
                texts.size() / seconds,
                batchSize,
                modelBytes,
                (double) tokens / ids.length);
    }

    /**
     * Profiles a whole classifier as it is used, prompt building and label scoring included: each
     * text classified alone (after warm-up) for the latencies, then all together for the
     * throughput. Tokens per example are not known here and reported as {@code NaN}.
     *
     * @throws IllegalArgumentException if there are no texts
     */
    public InferenceProfile profile(
            TextClassifier classifier, List<String> texts, long modelBytes) {
        return profile(classifier, texts, modelBytes, null);
    }

    /**
     * Profiles {@code classifier} as {@link #profile(TextClassifier, List, long)} does and, when
     * {@code tokenizer} is given (the texts reach the model as they are: an encoder), reports the
     * mean tokens per example, so that costs can be scaled to other request lengths.
     */
    public InferenceProfile profile(
            TextClassifier classifier, List<String> texts, long modelBytes, Tokenizer tokenizer) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to profile inference on");
        }
        for (int i = 0; i < warmup; i++) {
            classifier.classify(List.of(texts.get(i % texts.size())));
        }
        double[] latencies = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            Cancellation.current().throwIfCancelled();
            long start = System.nanoTime();
            classifier.classify(List.of(texts.get(i)));
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        long start = System.nanoTime();
        classifier.classify(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        double tokens =
                tokenizer == null
                        ? Double.NaN
                        : texts.stream()
                                .mapToInt(t -> tokenizer.encode(t).ids().length)
                                .average()
                                .orElse(Double.NaN);
        return new InferenceProfile(
                latencies, texts.size() / seconds, texts.size(), modelBytes, tokens);
    }

    /**
     * Profiles a LoRA model unmerged and merged (merging and then unmerging the adapter); the
     * top-level figures are the merged form's, as a served model would be merged.
     */
    public InferenceFigures profile(LoraModel lora, Tokenizer tokenizer, List<String> texts) {
        InferenceProfile unmerged =
                profile(lora.model(), tokenizer, texts, ModelSize.adapter(lora));
        lora.merge();
        try {
            InferenceFigures merged =
                    profile(lora.model(), tokenizer, texts, ModelSize.weights(lora.model()))
                            .figures();
            return merged.withForms(merged, unmerged.figures());
        } finally {
            lora.unmerge();
        }
    }

    /** Writes {@code figures} into the {@code inference} field of run {@code runId}. */
    public static RunRecord record(RunStore store, String runId, InferenceFigures figures) {
        return store.update(runId, run -> run.setInference(figures));
    }

    private static double timeOne(LanguageModel model, long[] ids) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.create(ids, new Shape(1, ids.length));
            NDArray mask =
                    scope.ones(new Shape(1, ids.length), ai.djl.ndarray.types.DataType.INT64);
            long start = System.nanoTime();
            NDArray out = summary(model.forward(input, mask));
            out.attach(scope);
            out.toFloatArray();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /** Reduces a forward pass's output to one number per row, closing the output. */
    private static NDArray summary(NDArray output) {
        try (output;
                NDArray rows = output.reshape(output.getShape().get(0), -1)) {
            return rows.sum(new int[] {1});
        }
    }

    private static int maxLength(LanguageModel model) {
        return model.config() == null ? 512 : Math.max(2, model.config().maxPositions());
    }
}
