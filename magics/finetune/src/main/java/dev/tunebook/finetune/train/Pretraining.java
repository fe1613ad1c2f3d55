package dev.tunebook.finetune.train;

import ai.djl.Device;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.PackedTokens;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.HalfPrecisionRounding;
import dev.tunebook.finetune.model.LlamaShape;
import dev.tunebook.finetune.model.RandomWeights;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pretrains a Llama model from random weights on plain-text documents: each document is encoded,
 * followed by an end-of-text token, and all are packed into rows of {@link
 * PretrainingSettings#sequenceLength} tokens; AdamW trains on shuffled batches of rows with linear
 * warmup, cosine decay and global-norm clipping, logging a line every few steps and validating on
 * the validation documents (packed the same way). Checkpoints ({@link Checkpoints}' format) are
 * written on a cadence, at the end and when the {@link Cancellation} fires; a run whose checkpoint
 * folder holds a checkpoint resumes from it, with the same data order and optimizer state, so an
 * interrupted and resumed run follows the same loss trajectory as an uninterrupted one.
 *
 * <p>When all steps are done the weights are rounded to BF16 values (what {@link
 * PretrainedModelFolder} saves), the whole validation text is evaluated with them, and the sample
 * prompts are continued greedily.
 *
 * <pre>{@code
 * try (PretrainingRun run = Pretraining.builder()
 *         .setSettings(settings)
 *         .setTokenizer(tokenizer)
 *         .setDocuments(train, validation)
 *         .setCheckpoints(Path.of("checkpoints"))
 *         .build()
 *         .run()) {
 *     PretrainedModelFolder.write(folder, run, tokenizerFolder, card);
 * }
 * }</pre>
 *
 * <p>Instances are used once and are not thread-safe.
 */
public final class Pretraining {
    private final Builder b;

    private Pretraining(Builder builder) {
        this.b = builder;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains (or resumes) and returns the run; the caller closes it.
     *
     * @throws IOException when a checkpoint cannot be read or written
     * @throws IllegalArgumentException when the checkpoint folder holds a run with other settings,
     *     or the tokenizer lacks the end-of-text token or does not fit the vocabulary size
     */
    public PretrainingRun run() throws IOException {
        PretrainingSettings s = b.settings;
        int endOfText = tokenId(b.endOfText);
        if (b.tokenizerSize > s.shape().vocabSize()) {
            throw new IllegalArgumentException(
                    "the tokenizer has "
                            + b.tokenizerSize
                            + " tokens but the model's vocabulary is "
                            + s.shape().vocabSize());
        }
        PackedTokens train = pack(b.train, endOfText, "training");
        if (s.repeatFraction() > 0) {
            train = train.withRepeats(s.repeatFraction(), s.seed());
        }
        PackedTokens validation = pack(b.validation, endOfText, "validation");
        Checkpoints checkpoints = new Checkpoints(b.checkpoints);
        Optional<Path> latest = checkpoints.latest();
        CheckpointState resumed = latest.isPresent() ? Checkpoints.state(latest.get()) : null;
        if (resumed != null) {
            PretrainingResume.check(latest.get(), resumed, s);
        }
        CausalLanguageModel model = newModel(s, endOfText);
        try {
            PretrainingTask task =
                    new PretrainingTask(model, train, validation, s.batchSize(), s.evalRows());
            b.out.println(describe(s, model, train, validation));
            PretrainingLoop loop =
                    new PretrainingLoop(
                            s, task, train.rows(), checkpoints, b.listeners, b.out::println);
            String status;
            Cancellation cancellation =
                    b.cancellation != null ? b.cancellation : Cancellation.current();
            try (Cancellation.Scope polling = cancellation.enter()) {
                status = loop.run(resumed, latest.orElse(null), cancellation);
            }
            double seconds = loop.seconds();
            Map<String, Double> validationMetrics = null;
            List<PretrainingRun.Sample> samples = List.of();
            Map<String, Double> copying = null;
            if ("completed".equals(status)) {
                HalfPrecisionRounding.toBf16Values(model);
                validationMetrics = loop.validate(PretrainingTask.VALIDATION_ALL);
                samples = samples(model, endOfText);
                copying = copying(model);
            }
            return new PretrainingRun(
                    status,
                    loop.steps(),
                    loop.tokensSeen(),
                    seconds,
                    loop.epochs(),
                    train.documents(),
                    train.tokens(),
                    validationMetrics,
                    samples,
                    copying,
                    model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private Map<String, Double> copying(CausalLanguageModel model) {
        Map<String, Double> copying = CopyProbe.measure(model);
        b.out.printf(
                Locale.ROOT,
                "copying from context: %d rows of %d random tokens shown twice, loss %.2f on the"
                        + " first showing, %.2f on the second%n",
                CopyProbe.ROWS,
                CopyProbe.SPAN,
                copying.get("first"),
                copying.get("second"));
        return copying;
    }

    private CausalLanguageModel newModel(PretrainingSettings s, int endOfText) throws IOException {
        if (!s.init().isEmpty()) {
            return PretrainingInit.load(Path.of(s.init()), s.shape(), b.device);
        }
        List<Integer> eos = new ArrayList<>(List.of(endOfText));
        b.tokenizer.eosToken().map(this::tokenId).filter(id -> id != endOfText).ifPresent(eos::add);
        int pad = b.tokenizer.padToken().map(this::tokenId).orElse(endOfText);
        return RandomWeights.create(
                s.shape().toConfig(eos, pad), b.device, s.seed(), LlamaShape.INITIALIZER_RANGE);
    }

    private int tokenId(String token) {
        return Math.toIntExact(
                b.tokenizer
                        .tokenId(token)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                b.tokenizer.file()
                                                        + " has no single token "
                                                        + token)));
    }

    private PackedTokens pack(List<String> documents, int endOfText, String what) {
        List<long[]> ids = new ArrayList<>(documents.size());
        for (String document : documents) {
            ids.add(b.tokenizer.encode(document, false).ids());
        }
        try {
            return PackedTokens.pack(ids, endOfText, b.settings.sequenceLength());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " text: " + e.getMessage(), e);
        }
    }

    private List<PretrainingRun.Sample> samples(CausalLanguageModel model, int endOfText) {
        GenerationOptions greedy =
                GenerationOptions.builder()
                        .optMaxNewTokens(b.sampleTokens)
                        .optEosTokenIds(model.eosTokenIds())
                        .build();
        List<PretrainingRun.Sample> samples = new ArrayList<>();
        for (String prompt : b.samplePrompts) {
            long[] ids = b.tokenizer.encode(prompt, false).ids();
            long[] out = model.generate(ids, greedy);
            long[] generated = java.util.Arrays.copyOfRange(out, ids.length, out.length);
            samples.add(new PretrainingRun.Sample(prompt, b.tokenizer.decode(generated, true)));
        }
        return samples;
    }

    private static String describe(
            PretrainingSettings s,
            CausalLanguageModel model,
            PackedTokens train,
            PackedTokens validation) {
        long parameters = TrainableWeights.count(model.weights());
        double stepsPerEpoch = (double) train.rows() / s.batchSize();
        return String.format(
                Locale.ROOT,
                "model: Llama, %,d parameters (hidden %d, %d layers, %d heads, %d kv heads,"
                        + " intermediate %d, vocab %d, tied embeddings)%n"
                        + "training text: %,d documents, %,d tokens, %,d rows of %d; validation:"
                        + " %,d documents, %,d rows%n"
                        + "%d steps of %d rows (%,d tokens): %.2f epochs; peak lr %.1e, warmup"
                        + " %d, cosine to 0%s",
                parameters,
                s.shape().hiddenSize(),
                s.shape().layers(),
                s.shape().heads(),
                s.shape().kvHeads(),
                s.shape().intermediateSize(),
                s.shape().vocabSize(),
                train.documents(),
                train.tokens(),
                train.rows(),
                train.length(),
                validation.documents(),
                validation.rows(),
                s.steps(),
                s.batchSize(),
                s.tokensPerStep(),
                s.steps() / stepsPerEpoch,
                s.learningRate(),
                s.warmupSteps(),
                (s.init().isEmpty() ? "" : "; starting from " + s.init())
                        + (s.repeatFraction() > 0
                                ? String.format(
                                        Locale.ROOT,
                                        "; %.0f %% of the rows repeat their first half",
                                        100 * s.repeatFraction())
                                : ""));
    }

    /** Builds a {@link Pretraining}. */
    public static final class Builder {
        private PretrainingSettings settings;
        private Tokenizer tokenizer;
        private int tokenizerSize;
        private List<String> train;
        private List<String> validation;
        private Path checkpoints;
        private String endOfText = "<|endoftext|>";
        private Device device = Device.cpu();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Cancellation cancellation;
        private PrintStream out = System.out;
        private List<String> samplePrompts = List.of();
        private int sampleTokens = 64;

        private Builder() {}

        /** Sets the settings. */
        public Builder setSettings(PretrainingSettings value) {
            this.settings = value;
            return this;
        }

        /**
         * Sets the tokenizer and its number of tokens, which must not exceed the model's
         * vocabulary.
         */
        public Builder setTokenizer(Tokenizer value, int size) {
            this.tokenizer = value;
            this.tokenizerSize = size;
            return this;
        }

        /** Sets the training and validation documents. */
        public Builder setDocuments(List<String> trainText, List<String> validationText) {
            this.train = List.copyOf(trainText);
            this.validation = List.copyOf(validationText);
            return this;
        }

        /** Sets the checkpoint folder; a run resumes from the latest checkpoint in it. */
        public Builder setCheckpoints(Path value) {
            this.checkpoints = value;
            return this;
        }

        /** Sets the token that ends each document (default {@code <|endoftext|>}). */
        public Builder optEndOfText(String value) {
            this.endOfText = value;
            return this;
        }

        /** Sets the device (default the CPU). */
        public Builder optDevice(Device value) {
            this.device = value;
            return this;
        }

        /** Adds a listener to the run's progress. */
        public Builder optListener(TrainingListener value) {
            this.listeners.add(value);
            return this;
        }

        /**
         * Sets the token polled after every step (default: {@link Cancellation#current()} when the
         * run starts); once cancelled the run checkpoints and ends as {@code interrupted}.
         */
        public Builder optCancellation(Cancellation value) {
            this.cancellation = Objects.requireNonNull(value);
            return this;
        }

        /** Sets where progress lines go (default standard output). */
        public Builder optOutput(PrintStream value) {
            this.out = value;
            return this;
        }

        /** Sets prompts to continue greedily once training completes, and how many tokens. */
        public Builder optSamples(List<String> prompts, int maxNewTokens) {
            this.samplePrompts = List.copyOf(prompts);
            this.sampleTokens = maxNewTokens;
            return this;
        }

        /**
         * Returns the run.
         *
         * @throws IllegalStateException when the settings, tokenizer, documents or checkpoint
         *     folder are missing
         */
        public Pretraining build() {
            if (settings == null
                    || tokenizer == null
                    || train == null
                    || validation == null
                    || checkpoints == null) {
                throw new IllegalStateException(
                        "setSettings, setTokenizer, setDocuments and setCheckpoints are required");
            }
            return new Pretraining(this);
        }
    }
}
