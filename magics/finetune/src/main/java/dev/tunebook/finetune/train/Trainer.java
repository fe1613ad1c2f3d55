package dev.tunebook.finetune.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.FormatDifference;
import dev.tunebook.finetune.prompt.ModelFormatCheck;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fine-tunes a model: classification on a BERT-family encoder (mean pooling and a new linear head;
 * full, LoRA, or head-only on cached embeddings of the frozen encoder) or causal language modelling
 * on prompt-formatted rows with assistant-only labels (full or LoRA). See {@link TrainingConfig}
 * for the options and {@link Checkpoints} for what is saved. Every run is recorded in the run store
 * as it goes, reports its progress to {@link TrainingListener}s (shown live by the host's {@link
 * TrainingDisplay}, a notebook's, else as printed lines), stops cleanly after the current step and
 * a checkpoint once its {@link Cancellation} is cancelled (in a notebook: interrupted), and stops
 * with status {@code failed} on a NaN or infinite loss, keeping the last good checkpoint.
 *
 * <pre>{@code
 * TrainingRun run = Trainer.builder()
 *         .setModel(model)
 *         .setDataset(dataset)
 *         .setTokenizer(tokenizer)
 *         .optConfig(TrainingConfig.builder().optMethod(TrainingMethod.HEAD).build())
 *         .optRunStore(RunStore.at(Path.of("runs")))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>The model is trained in place (for LoRA it is wrapped with the adapter), on the device it was
 * loaded on. Instances are not thread-safe.
 */
public final class Trainer {
    final LanguageModel model;
    final TrainingData data;
    final TrainingConfig config;
    final RunStore store;
    final List<TrainingListener> listeners;
    final Cancellation cancellation;
    final PrintStream out;
    final boolean live;
    final String modelName;
    final String modelSource;
    final String baseRun;
    final Tokenizer tokenizer;
    final String datasetName;
    final Checkpoints.Hook checkpointHook;
    final int padId;
    final FormatDifference promptFormatMismatch;

    private Trainer(Builder b) {
        this.model = b.model;
        this.data = b.data;
        this.config = b.config;
        this.store = b.store == null ? RunStore.open() : b.store;
        this.listeners = List.copyOf(b.listeners);
        this.cancellation = b.cancellation;
        this.out = b.out;
        this.live =
                b.live == null
                        ? TrainingDisplay.host().map(TrainingDisplay::live).orElse(false)
                        : b.live;
        this.modelName = b.modelName;
        this.modelSource = b.modelSource;
        this.baseRun = b.baseRun;
        this.tokenizer = b.tokenizer;
        this.datasetName = b.datasetName;
        this.checkpointHook = b.checkpointHook;
        this.padId = b.padId;
        this.promptFormatMismatch = b.promptFormatMismatch;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains and returns the run. A cancellation and NaN losses end the run normally with status
     * {@code interrupted} or {@code failed} and a message; only setup errors throw.
     *
     * @throws IllegalArgumentException when the model, data and method do not fit together
     * @throws IOException when a checkpoint to resume cannot be read
     */
    public TrainingRun run() throws IOException {
        // The loop polls the token after every step: a cancellation (a first Jupyter interrupt)
        // lets the step and the checkpoint finish, however long they take, instead of the thread
        // being stopped.
        Cancellation token = cancellation != null ? cancellation : Cancellation.current();
        try (Cancellation.Scope polling = token.enter()) {
            TrainingInputs inputs =
                    new TrainingInputs(
                            model,
                            data,
                            padId,
                            modelSource,
                            modelName,
                            datasetName,
                            tokenizer,
                            baseRun,
                            promptFormatMismatch);
            RunSetup setup = RunSetup.prepare(store, config, inputs, out);
            RunProgress view = new RunProgress(out, listeners, live);
            return new FinetuneRun(inputs, setup, view, token, checkpointHook, out).run();
        }
    }

    /** Returns the model this trainer trains (in place). */
    public LanguageModel model() {
        return model;
    }

    /** Returns the tokenizer of the model, or null when the trainer was given tokenised data. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Returns the tokenised data, whose label names are the head's outputs in order. */
    public TrainingData data() {
        return data;
    }

    /** Returns the first device {@code asked} resolves to (see {@link #resolveDevices}). */
    public static Device resolveDevice(String asked) {
        return resolveDevices(asked).get(0);
    }

    /**
     * Returns the devices {@code asked} resolves to: {@code auto} is every GPU DJL sees (several
     * train data-parallel), else the CPU; {@code gpu} every GPU; {@code cpu} the CPU; {@code gpu:N}
     * one GPU; a comma list ({@code gpu:0,gpu:2}) those devices.
     *
     * @throws IllegalArgumentException naming a device that does not exist
     */
    public static List<Device> resolveDevices(String asked) {
        int gpus = Engine.getInstance().getGpuCount();
        List<Device> devices = new ArrayList<>();
        for (String name : asked.toLowerCase(Locale.ROOT).split(",")) {
            String device = name.strip();
            switch (device) {
                case "cpu" -> devices.add(Device.cpu());
                case "gpu", "auto" -> {
                    if (gpus == 0 && device.equals("gpu")) {
                        throw new IllegalArgumentException(
                                "device: gpu asked for, but DJL sees no GPU");
                    }
                    for (int i = 0; i < gpus; i++) {
                        devices.add(Device.gpu(i));
                    }
                    if (gpus == 0) {
                        devices.add(Device.cpu());
                    }
                }
                default -> devices.add(gpu(device, gpus));
            }
        }
        return devices;
    }

    private static Device gpu(String name, int gpus) {
        int index;
        try {
            index = Integer.parseInt(name.substring(name.indexOf(':') + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "device: unknown device '" + name + "': expected auto, cpu, gpu or gpu:N");
        }
        if (!name.startsWith("gpu:") || index < 0 || index >= gpus) {
            throw new IllegalArgumentException(
                    "device: "
                            + name
                            + " asked for, but DJL sees "
                            + (gpus == 0
                                    ? "no GPU"
                                    : gpus + " GPU(s), gpu:0 to gpu:" + (gpus - 1)));
        }
        return Device.gpu(index);
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private LanguageModel model;
        private TrainingData data;
        private Dataset dataset;
        private Tokenizer tokenizer;
        private ChatPrompt prompt;
        private TrainingConfig config = TrainingConfig.builder().build();
        private RunStore store;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Cancellation cancellation;
        private PrintStream out = System.out;
        private Boolean live;
        private String modelName;
        private String modelSource;
        private String baseRun;
        private String datasetName;
        private Checkpoints.Hook checkpointHook = Checkpoints.Hook.NONE;
        private int padId = -1;
        private Path modelFolder;
        private FormatDifference promptFormatMismatch;

        private Builder() {}

        /** Sets the model to train. */
        public Builder setModel(LanguageModel value) {
            this.model = value;
            return this;
        }

        /** Sets the dataset, tokenised with {@link #setTokenizer} (and the prompt, if given). */
        public Builder setDataset(Dataset value) {
            this.dataset = value;
            this.datasetName = datasetName == null ? value.name() : datasetName;
            return this;
        }

        /** Sets the tokenizer of the model. */
        public Builder setTokenizer(Tokenizer value) {
            this.tokenizer = value;
            return this;
        }

        /** Sets already tokenised data instead of a dataset and tokenizer. */
        public Builder setData(TrainingData value) {
            this.data = value;
            return this;
        }

        /** Sets the prompt that turns rows into conversations (chat and instruction data). */
        public Builder optPrompt(ChatPrompt value) {
            this.prompt = value;
            return this;
        }

        /** Sets the options (default: {@link TrainingConfig}'s defaults). */
        public Builder optConfig(TrainingConfig value) {
            this.config = value;
            return this;
        }

        /** Sets the run store (default {@link RunStore#open()}). */
        public Builder optRunStore(RunStore value) {
            this.store = value;
            return this;
        }

        /** Adds a listener to the run's progress; may be called several times. */
        public Builder optListener(TrainingListener value) {
            this.listeners.add(value);
            return this;
        }

        /**
         * Sets the token the run polls after every step (default: {@link Cancellation#current()}
         * when the run starts; in a notebook, Jupyter's interrupt). Once it is cancelled the run
         * saves a checkpoint and ends as {@code interrupted}.
         */
        public Builder optCancellation(Cancellation value) {
            this.cancellation = value;
            return this;
        }

        /** Sets where messages and printed progress lines go (default standard output). */
        public Builder optOutput(PrintStream value) {
            this.out = value;
            return this;
        }

        /**
         * Shows the run in the host's live display (true) or as printed lines (false); default:
         * live when a {@link TrainingDisplay} host says someone watches (a notebook front end).
         */
        public Builder optLiveDisplay(boolean value) {
            this.live = value;
            return this;
        }

        /** Sets the model's name in the run record. */
        public Builder optModelName(String value) {
            this.modelName = value;
            return this;
        }

        /**
         * Sets the source the model was loaded from ({@code LoadedModel.source()}: {@code hf:},
         * {@code maven:} or a folder, made absolute), which the run records as {@code base_model}
         * so that {@code FineTunedModel.load} can rebuild the fine-tuned model from the store alone
         * (see {@link RunWeights}).
         */
        public Builder optModelSource(String value) {
            this.modelSource =
                    value == null || value.startsWith("hf:") || value.startsWith("maven:")
                            ? value
                            : java.nio.file.Path.of(value).toAbsolutePath().normalize().toString();
            return this;
        }

        /**
         * Sets the id of the run that already trained the model in place, so that this run's
         * weights are loaded again on top of that run's ({@code base_run} in the record).
         */
        public Builder optBaseRun(String value) {
            this.baseRun = value;
            return this;
        }

        /** Sets the dataset's name in the run record (default the dataset's own name). */
        public Builder optDatasetName(String value) {
            this.datasetName = value;
            return this;
        }

        /** Sets the padding id (default: the tokenizer's pad token, else its EOS, else 0). */
        public Builder optPadId(int value) {
            this.padId = value;
            return this;
        }

        /**
         * Sets the folder the model was loaded from: when the model brings its own chat template
         * and the prompt renders in another format, the run warns and records the difference in its
         * record's {@code prompt_format_mismatch} (see {@link ModelFormatCheck}).
         */
        public Builder optModelFolder(Path value) {
            this.modelFolder = value;
            return this;
        }

        Builder checkpointHook(Checkpoints.Hook value) {
            this.checkpointHook = value;
            return this;
        }

        /**
         * Returns the trainer, tokenising the dataset now.
         *
         * @throws IllegalStateException when the model or the data is missing
         */
        public Trainer build() {
            if (model == null) {
                throw new IllegalStateException("setModel is required");
            }
            if (data == null) {
                if (dataset == null || tokenizer == null) {
                    throw new IllegalStateException("setDataset and setTokenizer, or setData");
                }
                data = TrainingData.of(dataset, tokenizer, prompt, config.batching().maxLength());
            }
            if (padId < 0) {
                padId = tokenizer == null ? 0 : padIdOf(tokenizer);
            }
            if (prompt != null && modelFolder != null) {
                promptFormatMismatch = ModelFormatCheck.check(prompt, modelFolder).orElse(null);
                if (promptFormatMismatch != null) {
                    out.println("warning: " + promptFormatMismatch.message());
                }
            }
            return new Trainer(this);
        }

        private static int padIdOf(Tokenizer tokenizer) {
            java.util.Optional<String> token = tokenizer.padToken().or(tokenizer::eosToken);
            java.util.OptionalLong id =
                    token.map(tokenizer::tokenId).orElse(java.util.OptionalLong.empty());
            return id.isPresent() ? Math.toIntExact(id.getAsLong()) : 0;
        }
    }
}
