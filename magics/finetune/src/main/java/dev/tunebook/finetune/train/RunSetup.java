package dev.tunebook.finetune.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.prompt.ModelFormatCheck;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunRecorder;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
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

    private final RunStore store;
    private final TrainingInputs inputs;
    private final PrintStream out;
    private final TrainingConfig config;
    private final RunRecord resumedRecord;
    private final Path checkpoint;
    private final CheckpointState state;
    private MemoryEstimate memory;
    private Path root;

    private RunSetup(
            RunStore store,
            TrainingInputs inputs,
            PrintStream out,
            TrainingConfig config,
            RunRecord record,
            Path checkpoint,
            CheckpointState state) {
        this.store = store;
        this.inputs = inputs;
        this.out = out;
        this.config = config;
        this.resumedRecord = record;
        this.checkpoint = checkpoint;
        this.state = state;
    }

    /**
     * Returns the start of a run of {@code inputs} with {@code config} recorded in {@code store}
     * (messages go to {@code out}): fresh, or where the checkpoint of the run {@code config}
     * resumes left off.
     */
    static RunSetup prepare(
            RunStore store, TrainingConfig config, TrainingInputs inputs, PrintStream out)
            throws IOException {
        String resume = config.resume();
        if (resume == null) {
            return new RunSetup(store, inputs, out, config, null, null, null);
        }
        RunRecord record = store.require(resume);
        Path root = checkpointRoot(store, record.id());
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
        return new RunSetup(store, inputs, out, saved, record, dir, state);
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
        RunRecorder recorder = store.start(record, FLUSH);
        root = checkpointRoot(store, recorder.id());
        recorder.update(r -> r.withExtra("checkpoints", root.toString()));
        return recorder;
    }

    private RunRecord resumed() {
        return resumedRecord.toBuilder()
                .removeSteps(s -> s.step() > state.step())
                .clearMetrics()
                .optStatus(RunStatus.RUNNING)
                .optEndedAt(null)
                .optError(null)
                .optTrainSeconds(null)
                .build();
    }

    private RunRecord fresh(TrainingTask task, Map<String, NDArray> trainable, int devices) {
        String name = config.name() == null ? config.method().id() : config.name();
        RunRecordBuilder record =
                RunRecord.builder(RunKind.FINETUNE, name)
                        .optModel(inputs.modelName())
                        .optDataset(inputs.datasetName())
                        .optSplit(TrainingData.TRAIN)
                        .optMethod(config.method().id())
                        .optDevice((devices > 1 ? devices + " × " : "") + deviceName(task))
                        .optTrainableParams(count(trainable))
                        .optTotalParams(task.totalParameters());
        record.putHyperparameters(config.toHyperparameters());
        weights().writeTo(record);
        if (inputs.promptFormatMismatch() != null) {
            record.putExtra(
                    "prompt_format_mismatch",
                    ModelFormatCheck.recordOf(inputs.promptFormatMismatch()));
        }
        return record.build();
    }

    /** Returns what loading this run's weights again needs, but for the checkpoint folder. */
    private RunWeights weights() {
        boolean classification = inputs.data().isClassification();
        Tokenizer tokenizer = inputs.tokenizer();
        return new RunWeights(
                null,
                null,
                inputs.modelSource(),
                tokenizer == null ? null : tokenizer.file().toAbsolutePath(),
                tokenizer == null ? "" : tokenizer.textPrefix(),
                classification ? inputs.data().labelNames() : null,
                classification ? RunWeights.CLASSIFICATION : RunWeights.CAUSAL,
                inputs.baseRun());
    }

    private String deviceName(TrainingTask task) {
        Device device = task.manager().getDevice();
        List<Device> devices = Trainer.resolveDevices(config.device());
        Device asked = devices.get(0);
        if (!devices.contains(device)) {
            out.println(
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
                        config.batching().batch(),
                        config.batching().maxLength(),
                        task.manager().getDevice());
        return memory;
    }

    MemoryEstimate memory() {
        return memory;
    }
}
