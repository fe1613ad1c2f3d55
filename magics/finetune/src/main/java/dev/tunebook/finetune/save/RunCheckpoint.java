package dev.tunebook.finetune.save;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.Checkpoints;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a fine-tune run's trained weights are: the checkpoint it ended on (a completed run's best
 * one when it chose one, else its latest) in the checkpoint folder its record names, with the run's
 * config and the labels its head was trained on. The one place that turns a run into files, so that
 * a run found by name after a kernel restart and a {@link TrainingRun} bound in the notebook are
 * saved the same way.
 *
 * @param record the run's record
 * @param checkpoint the chosen checkpoint folder ({@code step-N})
 * @param config the run's config as saved in that checkpoint
 * @param labels the head's outputs in order, empty when the record names none
 */
public record RunCheckpoint(
        RunRecord record, Path checkpoint, TrainingConfig config, List<String> labels) {
    /** The trained parameters in a checkpoint, under the model's own names. */
    public static final String TRAINABLE_FILE = "trainable.safetensors";

    /** The PEFT adapter folder in a LoRA run's checkpoint. */
    public static final String ADAPTER_FOLDER = "adapter";

    /**
     * Returns the weights of run {@code key} (id, name or unique id prefix) in {@code store}.
     *
     * @throws IllegalArgumentException naming the store and its runs if there is no such run, or
     *     naming the run if it is not a fine-tune
     * @throws IOException naming the folder when the run's checkpoints were deleted
     */
    public static RunCheckpoint find(RunStore store, String key) throws IOException {
        RunRecord record = store.require(key);
        Object named = record.extra().get("checkpoints");
        Path root =
                named instanceof String path
                        ? Path.of(path)
                        : store.directory().resolveSibling("checkpoints").resolve(record.id());
        return of(record, root);
    }

    /** Returns the weights of a run bound in the notebook. */
    public static RunCheckpoint of(TrainingRun run) throws IOException {
        return of(run.record(), run.checkpoints());
    }

    private static RunCheckpoint of(RunRecord record, Path root) throws IOException {
        String name = "run " + record.name() + " (" + record.id() + ")";
        if (record.kind() != RunKind.FINETUNE) {
            throw new IllegalArgumentException(
                    name + " is a " + record.kind().id() + " run: only fine-tunes have weights");
        }
        Checkpoints saved = new Checkpoints(root);
        Optional<Path> chosen = Optional.empty();
        if (Files.isDirectory(root)) {
            chosen = record.status() == RunStatus.COMPLETED ? saved.best() : Optional.empty();
            chosen = chosen.isPresent() ? chosen : saved.latest();
        }
        Path dir =
                chosen.filter(d -> Files.isRegularFile(d.resolve(TRAINABLE_FILE)))
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                name
                                                        + ": its weights are gone (no checkpoint"
                                                        + " with "
                                                        + TRAINABLE_FILE
                                                        + " in "
                                                        + root
                                                        + "); train it again"));
        TrainingConfig config = TrainingConfig.fromOptions(Checkpoints.state(dir).config());
        List<String> labels = new ArrayList<>();
        if (record.extra().get("labels") instanceof List<?> list) {
            list.forEach(l -> labels.add(String.valueOf(l)));
        }
        return new RunCheckpoint(record, dir, config, List.copyOf(labels));
    }

    /** Returns the training method. */
    public TrainingMethod method() {
        return config.method();
    }

    /** Returns the checkpoint's file of trained parameters. */
    public Path trainableFile() {
        return checkpoint.resolve(TRAINABLE_FILE);
    }

    /** Returns the checkpoint's PEFT adapter folder (LoRA runs). */
    public Path adapterFolder() {
        return checkpoint.resolve(ADAPTER_FOLDER);
    }

    /** Returns these weights with {@code names} as the labels (for records that name none). */
    public RunCheckpoint withLabels(List<String> names) {
        return new RunCheckpoint(record, checkpoint, config, List.copyOf(names));
    }
}
