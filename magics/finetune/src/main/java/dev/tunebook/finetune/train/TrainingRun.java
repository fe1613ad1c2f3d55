package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.eval.SentenceClassifier;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStep;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a {@link Trainer} run: its record in the run store (history of steps, final
 * metrics per split, status), a message saying how it ended, where its checkpoints are, and the
 * live view's last state. What {@code %%finetune} binds as {@code run}. Instances are immutable
 * except for the view.
 *
 * @param record the run's record as last written
 * @param message how the run ended (completed, stopped early, interrupted, failed and why)
 * @param checkpoints the run's checkpoint folder
 * @param memory the memory estimate made before training
 * @param progress the live view
 */
public record TrainingRun(
        RunRecord record,
        String message,
        Path checkpoints,
        MemoryEstimate memory,
        TrainingProgress progress) {

    /** Returns a copy holding {@code changed} as the run's record. */
    public TrainingRun withRecord(RunRecord changed) {
        return new TrainingRun(changed, message, checkpoints, memory, progress);
    }

    /** Returns the run's status. */
    public RunStatus status() {
        return record.status();
    }

    /** Returns the run's id in the store. */
    public String id() {
        return record.id();
    }

    /** Returns the training loss of every step, in order. */
    public double[] losses() {
        return record.steps().stream().mapToDouble(RunStep::loss).toArray();
    }

    /** Returns the final metrics by split ({@code train}, {@code val}, {@code test}). */
    public Map<String, Map<String, Double>> metrics() {
        return record.metrics();
    }

    /** Returns the metric {@code name} of {@code split}, or NaN when absent. */
    public double metric(String split, String name) {
        Map<String, Double> values = record.metrics().get(split);
        Double value = values == null ? null : values.get(name);
        return value == null ? Double.NaN : value;
    }

    /**
     * Returns the sentence classifier this classification run trained: {@code encoder}, the model
     * given to the trainer (which holds the trained encoder weights after the run), with the head
     * of the checkpoint the run ended on (for a completed run its best checkpoint when it chose
     * one, else the latest) and the run's token limit. The classifier owns the head; the encoder
     * and tokenizer stay the caller's.
     *
     * @param labels the label names in the order the head was trained on ({@code
     *     dataset.labelNames()})
     * @throws IllegalStateException when the run left no checkpoint or trained no classification
     *     head (a causal language model)
     * @throws IOException when the checkpoint cannot be read
     */
    public SentenceClassifier classifier(
            BertModel encoder, Tokenizer tokenizer, List<String> labels) throws IOException {
        Checkpoints saved = new Checkpoints(checkpoints);
        Optional<Path> chosen = status() == RunStatus.COMPLETED ? saved.best() : Optional.empty();
        if (chosen.isEmpty()) {
            chosen = saved.latest();
        }
        Path dir =
                chosen.orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "run " + id() + " left no checkpoint in " + checkpoints));
        int maxLength =
                TrainingConfig.fromOptions(Checkpoints.state(dir).config()).batching().maxLength();
        Map<String, NDArray> head = new LinkedHashMap<>();
        Path file = dir.resolve(TrainableArrays.FILE);
        try (SafetensorsFile arrays = SafetensorsFile.open(file)) {
            if (!arrays.tensors().containsKey("classifier.weight")) {
                throw new IllegalStateException(
                        "run " + id() + " trained no classification head (" + file + ")");
            }
            for (String name : List.of("classifier.weight", "classifier.bias")) {
                head.put(name, arrays.toNDArray(name, encoder.manager()));
            }
        }
        return SentenceClassifier.of(encoder, tokenizer, labels, head, maxLength);
    }

    /**
     * Returns the live view's final state: the bar, the charts, how the run ended and its final
     * metrics as a table (rows are splits, columns metrics), as the live display last showed it.
     */
    public TrainingProgress.Rendered render() {
        return progress.render();
    }

    @Override
    public String toString() {
        String metrics = SplitMetrics.line(record.metrics());
        return "TrainingRun["
                + record.name()
                + " "
                + record.id()
                + ", "
                + record.status().id()
                + ": "
                + message
                + (metrics.isEmpty() ? "" : "; " + metrics)
                + "]";
    }
}
