package dev.tunebook.finetune.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.prompt.ModelFormatCheck;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecorder;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run starts from: its config, and when it resumes, the record and checkpoint it continues.
 * Checkpoints of run {@code ID} live in {@code HOME/checkpoints/ID}, beside the store's {@code
 * HOME/runs}. A resumed run keeps its id and the config saved in its checkpoint.
 */
final class RunSetup {
    /** How often a running record is rewritten at most. */
    static final Duration FLUSH = Duration.ofSeconds(2);

    private final Trainer trainer;
    private final TrainingConfig config;
    private final RunRecord resumedRecord;
    private final Path checkpoint;
    private final CheckpointState state;
    private MemoryEstimate memory;
    private Path root;

    private RunSetup(
            Trainer trainer,
            TrainingConfig config,
            RunRecord record,
            Path checkpoint,
            CheckpointState state) {
        this.trainer = trainer;
        this.config = config;
        this.resumedRecord = record;
        this.checkpoint = checkpoint;
        this.state = state;
    }

    static RunSetup prepare(Trainer trainer) throws IOException {
        String resume = trainer.config.resume();
        if (resume == null) {
            return new RunSetup(trainer, trainer.config, null, null, null);
        }
        RunRecord record = trainer.store.require(resume);
        Path root = checkpointRoot(trainer.store, record.id());
        Path dir =
                new Checkpoints(root)
                        .latest()
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "resume: run "
                                                        + resume
                                                        + " has no checkpoint in "
                                                        + root));
        CheckpointState state = Checkpoints.state(dir);
        TrainingConfig saved = TrainingConfig.fromOptions(state.config());
        return new RunSetup(trainer, saved, record, dir, state);
    }

    /** Returns the checkpoint folder of run {@code id} in {@code store}. */
    static Path checkpointRoot(RunStore store, String id) {
        return store.directory().resolveSibling("checkpoints").resolve(id);
    }

    TrainingConfig config() {
        return config;
    }

    CheckpointState state() {
        return state;
    }

    Path checkpoint() {
        return checkpoint;
    }

    Path checkpointRoot() {
        return root;
    }

    RunRecorder startRecord(TrainingTask task, Map<String, NDArray> trainable, int devices) {
        RunRecord record = resumedRecord != null ? resumed() : fresh(task, trainable, devices);
        RunRecorder recorder = trainer.store.start(record, FLUSH);
        root = checkpointRoot(trainer.store, recorder.id());
        recorder.update(r -> r.extra().put("checkpoints", root.toString()));
        return recorder;
    }

    private RunRecord resumed() {
        RunRecord record = resumedRecord;
        record.steps().removeIf(s -> s.step() > state.step());
        record.metrics().clear();
        record.setStatus(RunStatus.RUNNING).setEndedAt(null).setError(null);
        record.setTrainSeconds(null);
        return record;
    }

    private RunRecord fresh(TrainingTask task, Map<String, NDArray> trainable, int devices) {
        String name = config.name() == null ? config.method().id() : config.name();
        RunRecord record =
                RunRecord.of(RunKind.FINETUNE, name)
                        .setModel(trainer.modelName)
                        .setDataset(trainer.datasetName)
                        .setSplit(TrainingData.TRAIN)
                        .setMethod(config.method().id())
                        .setDevice((devices > 1 ? devices + " × " : "") + deviceName(task))
                        .setTrainableParams(count(trainable))
                        .setTotalParams(task.totalParameters());
        record.hyperparameters().putAll(config.toHyperparameters());
        weights().writeTo(record);
        if (trainer.promptFormatMismatch != null) {
            record.extra()
                    .put(
                            "prompt_format_mismatch",
                            ModelFormatCheck.recordOf(trainer.promptFormatMismatch));
        }
        return record;
    }

    /** Returns what loading this run's weights again needs, but for the checkpoint folder. */
    private RunWeights weights() {
        boolean classification = trainer.data.isClassification();
        Tokenizer tokenizer = trainer.tokenizer;
        return new RunWeights(
                null,
                null,
                trainer.modelSource,
                tokenizer == null ? null : tokenizer.file().toAbsolutePath(),
                tokenizer == null ? "" : tokenizer.textPrefix(),
                classification ? trainer.data.labelNames() : null,
                classification ? RunWeights.CLASSIFICATION : RunWeights.CAUSAL,
                trainer.baseRun);
    }

    private String deviceName(TrainingTask task) {
        Device device = task.manager().getDevice();
        List<Device> devices = Trainer.resolveDevices(config.device());
        Device asked = devices.get(0);
        if (!devices.contains(device)) {
            trainer.out.println(
                    "device: "
                            + config.device()
                            + " means "
                            + asked
                            + ", but the model was loaded on "
                            + device
                            + "; training there (load the model on "
                            + asked
                            + " to train on it)");
        }
        return DeviceLabel.of(device);
    }

    private static long count(Map<String, NDArray> trainable) {
        return trainable.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    MemoryEstimate estimateMemory(TrainingTask task, Map<String, NDArray> trainable) {
        memory =
                MemoryEstimate.of(
                        task.shape(),
                        task.totalParameters(),
                        count(trainable),
                        config.method() == TrainingMethod.HEAD,
                        config.batch(),
                        config.maxLength(),
                        task.manager().getDevice());
        return memory;
    }

    MemoryEstimate memory() {
        return memory;
    }
}
