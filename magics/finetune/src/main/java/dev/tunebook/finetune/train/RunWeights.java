package dev.tunebook.finetune.train;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where a fine-tune's weights are and what loading them needs, as its run record keeps them: the
 * checkpoint folder ({@code checkpoints}), the source of the base model it started from ({@code
 * base_model}: {@code hf:}, {@code maven:} or an absolute folder; older records name it {@code
 * model_source}), the tokenizer file and text prefix ({@code tokenizer}, {@code text_prefix}), the
 * labels in the order of the head's outputs ({@code labels}), the task ({@code task}: {@code
 * classification} or {@code causal}) and, for a model that an earlier run had already trained in
 * place, that run ({@code base_run}). The trainer writes them when a run starts; loading a run
 * again ({@code FineTunedModel.load}, {@code FineTunedGenerator.load}) and saving it ({@code
 * ModelExport}, {@code CausalExport}) read them, so a run is used the same way after a kernel
 * restart, found by name in the store, as when bound in the notebook. Any field but {@code
 * checkpoints} may be missing in a record written before tunebook kept it, or for a model loaded
 * from no source.
 *
 * <p>The checkpoint a run's model is made of ({@link #checkpoint}) is, for a completed run, its
 * best one when it chose one, else its latest.
 *
 * @param run the run's record, or null for fields about to be written ({@link #writeTo})
 * @param checkpoints the run's checkpoint folder ({@link Checkpoints}), or null
 * @param baseModel the base model's source, or null
 * @param tokenizer the tokenizer's {@code tokenizer.json}, or null
 * @param textPrefix the text the tokenizer puts before every input ({@code "query: "} for e5)
 * @param labels the label names by head output, empty for causal runs
 * @param task {@code classification} or {@code causal}, or null
 * @param baseRun the id of the run that had trained the model in place before this run started from
 *     it ({@code base_run}), or null when it started from the source's weights
 */
public record RunWeights(
        RunRecord run,
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

    /** The trained parameters in a checkpoint, under the model's own names. */
    public static final String TRAINABLE_FILE = TrainableArrays.FILE;

    /** The PEFT adapter folder in a LoRA run's checkpoint. */
    public static final String ADAPTER_FOLDER = "adapter";

    static final String CHECKPOINTS = "checkpoints";
    static final String BASE_MODEL = "base_model";
    static final String OLD_BASE_MODEL = "model_source";
    static final String TOKENIZER = "tokenizer";
    static final String TEXT_PREFIX = "text_prefix";
    static final String LABELS = "labels";
    static final String TASK = "task";
    static final String BASE_RUN = "base_run";

    /** Copies the labels; null labels are none, a null prefix is empty. */
    public RunWeights {
        labels = labels == null ? List.of() : List.copyOf(labels);
        textPrefix = textPrefix == null ? "" : textPrefix;
    }

    /**
     * Returns what {@code run} records of its weights.
     *
     * @throws IllegalArgumentException if the run is no fine-tune, or records no checkpoint folder
     */
    public static RunWeights of(RunRecord run) {
        requireFineTune(run);
        String checkpoints = text(run.extra(), CHECKPOINTS);
        if (checkpoints == null) {
            throw new IllegalArgumentException(
                    "run " + describe(run) + " records no checkpoint folder (field checkpoints)");
        }
        return read(run, Path.of(checkpoints));
    }

    /**
     * Returns the weights of run {@code key} (id, name or unique id prefix) in {@code store},
     * having checked that its checkpoint is there.
     *
     * @throws IllegalArgumentException naming the store's runs if there is no such run, naming the
     *     run if it is not a fine-tune, and naming the folder when its checkpoints were deleted
     * @throws IOException if the checkpoint folder's files cannot be read
     */
    public static RunWeights find(RunStore store, String key) throws IOException {
        RunRecord run = store.require(key);
        requireFineTune(run);
        String named = text(run.extra(), CHECKPOINTS);
        RunWeights weights =
                read(
                        run,
                        named != null ? Path.of(named) : RunSetup.checkpointRoot(store, run.id()));
        weights.checkpoint();
        return weights;
    }

    /**
     * Returns the weights of a run bound in the notebook, having checked that its checkpoint is
     * there.
     *
     * @throws IllegalArgumentException naming the folder when its checkpoints were deleted
     * @throws IOException if the checkpoint folder's files cannot be read
     */
    public static RunWeights of(TrainingRun run) throws IOException {
        requireFineTune(run.record());
        RunWeights weights = read(run.record(), run.checkpoints());
        weights.checkpoint();
        return weights;
    }

    private static RunWeights read(RunRecord run, Path checkpoints) {
        Map<String, Object> extra = run.extra();
        String tokenizer = text(extra, TOKENIZER);
        List<String> labels = new ArrayList<>();
        if (extra.get(LABELS) instanceof List<?> list) {
            list.forEach(label -> labels.add(String.valueOf(label)));
        }
        String baseModel = text(extra, BASE_MODEL);
        return new RunWeights(
                run,
                checkpoints,
                baseModel != null ? baseModel : text(extra, OLD_BASE_MODEL),
                tokenizer == null ? null : Path.of(tokenizer),
                text(extra, TEXT_PREFIX),
                labels,
                text(extra, TASK),
                text(extra, BASE_RUN));
    }

    private static void requireFineTune(RunRecord run) {
        if (run.kind() != RunKind.FINETUNE) {
            throw new IllegalArgumentException(
                    "run "
                            + describe(run)
                            + " is a "
                            + run.kind().id()
                            + " run, not a fine-tune: it has no trained weights");
        }
    }

    /**
     * Returns the checkpoint folder ({@code step-N}) the run's model is made of.
     *
     * @throws IllegalArgumentException naming the folder when it is gone, holds no checkpoint, or
     *     its checkpoint lacks {@value #TRAINABLE_FILE}
     * @throws IOException if its {@code best} or {@code latest} file cannot be read
     */
    public Path checkpoint() throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            throw new IllegalArgumentException(
                    name()
                            + ": its weights folder "
                            + checkpoints
                            + " does not exist (deleted or moved); train the run again");
        }
        Checkpoints saved = new Checkpoints(checkpoints);
        Optional<Path> chosen =
                run.status() == RunStatus.COMPLETED ? saved.best() : Optional.empty();
        if (chosen.isEmpty()) {
            chosen = saved.latest();
        }
        Path dir =
                chosen.orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        name()
                                                + ": its weights folder "
                                                + checkpoints
                                                + " holds no checkpoint"));
        if (!Files.isRegularFile(dir.resolve(TRAINABLE_FILE))) {
            throw new IllegalArgumentException(
                    name() + ": its checkpoint lacks " + dir.resolve(TRAINABLE_FILE));
        }
        return dir;
    }

    /** Returns the run's training config as its checkpoint saved it. */
    public TrainingConfig config() throws IOException {
        return TrainingConfig.fromOptions(Checkpoints.state(checkpoint()).config());
    }

    /** Returns the training method, as the run's checkpoint saved it. */
    public TrainingMethod method() throws IOException {
        return config().method();
    }

    /** Returns the checkpoint's file of trained parameters. */
    public Path trainableFile() throws IOException {
        return checkpoint().resolve(TRAINABLE_FILE);
    }

    /** Returns the checkpoint's PEFT adapter folder (LoRA runs). */
    public Path adapterFolder() throws IOException {
        return checkpoint().resolve(ADAPTER_FOLDER);
    }

    /** Returns whether the run trained a causal language model rather than a classifier. */
    public boolean isCausal() {
        return CAUSAL.equals(task);
    }

    /** Returns these weights with {@code names} as the labels (for records that name none). */
    public RunWeights withLabels(List<String> names) {
        return new RunWeights(
                run, checkpoints, baseModel, tokenizer, textPrefix, names, task, baseRun);
    }

    /** Writes these fields into {@code record}, leaving out the null and empty ones. */
    public void writeTo(RunRecordBuilder record) {
        BiConsumer<String, Object> extra = record::putExtra;
        put(extra, CHECKPOINTS, checkpoints == null ? null : checkpoints.toString());
        put(extra, BASE_MODEL, baseModel);
        put(extra, TOKENIZER, tokenizer == null ? null : tokenizer.toString());
        put(extra, TEXT_PREFIX, textPrefix.isEmpty() ? null : textPrefix);
        put(extra, LABELS, labels.isEmpty() ? null : new ArrayList<>(labels));
        put(extra, TASK, task);
        put(extra, BASE_RUN, baseRun);
    }

    /** Returns {@code "NAME (ID)"}, how errors name a run. */
    public static String describe(RunRecord run) {
        return run.name() == null || run.name().equals(run.id())
                ? run.id()
                : run.name() + " (" + run.id() + ")";
    }

    private String name() {
        return "run " + describe(run);
    }

    private static void put(BiConsumer<String, Object> extra, String key, Object value) {
        if (value != null) {
            extra.accept(key, value);
        }
    }

    private static String text(Map<String, Object> extra, String key) {
        return extra.get(key) instanceof String s && !s.isBlank() ? s : null;
    }
}
