package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.lora.MergedAdapters;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a causal language model on generation examples: generates an answer for every prompt
 * (in batches, with the given decoding settings) and scores it against the reference with ROUGE-1,
 * ROUGE-2 and ROUGE-L (as {@code rouge_score}, mean F-measure over examples) and exact match (after
 * SQuAD's normalisation); adds the perplexity of the references given their prompts, and the mean
 * lengths of prompts and outputs in tokens. Record it as a run with {@link GenerationRuns}.
 *
 * <p>All prompts and references are tokenised and checked when {@link Builder#build()} runs, before
 * anything is generated or recorded. Instances are not thread-safe (they share the model).
 */
public final class GenerationEvaluation {
    /** Requests whose one-thread CPU time prices the evaluated model's answers. */
    static final int PRICED_REQUESTS = 8;

    private final CausalLanguageModel model;
    private final Tokenizer tokenizer;
    private final List<GenerationExample> examples;
    private final GenerationOptions options;
    private final int batchSize;
    private final String title;
    private final long[][] prompts;
    private final List<Example> scored;

    private GenerationEvaluation(Builder b) {
        model = Objects.requireNonNull(b.model, "model");
        tokenizer = Objects.requireNonNull(b.tokenizer, "tokenizer");
        examples = List.copyOf(Objects.requireNonNull(b.examples, "examples"));
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        options = withEos(b.options, model, tokenizer);
        batchSize = b.batchSize;
        title = b.title;
        prompts = new long[examples.size()][];
        long vocab = model.config() == null ? Long.MAX_VALUE : model.config().vocabSize();
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = tokenizer.encode(examples.get(i).prompt(), false).ids();
            if (prompts[i].length == 0) {
                throw new IllegalArgumentException(
                        "example " + examples.get(i).id() + ": the prompt has no tokens");
            }
            checkVocabulary(prompts[i], vocab, examples.get(i).id());
        }
        scored = new ReferencePerplexity(model, tokenizer).examples(examples);
        int context = model.config() == null ? Integer.MAX_VALUE : model.config().maxPositions();
        for (int i = 0; i < prompts.length; i++) {
            int needed =
                    Math.max(prompts[i].length + options.maxNewTokens(), scored.get(i).length());
            if (needed > context) {
                throw new IllegalArgumentException(
                        "example "
                                + examples.get(i).id()
                                + ": a prompt of "
                                + prompts[i].length
                                + " tokens plus "
                                + options.maxNewTokens()
                                + " new tokens (or the answered conversation, "
                                + scored.get(i).length()
                                + " tokens) exceeds the model's context of "
                                + context
                                + " tokens (max_position_embeddings): lower the new tokens or"
                                + " shorten the prompt");
            }
        }
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the decoding settings, with the end-of-sequence ids actually used. */
    public GenerationOptions options() {
        return options;
    }

    /** Returns the examples. */
    public List<GenerationExample> examples() {
        return examples;
    }

    /** Returns the device the model generates on. */
    ai.djl.Device device() {
        return model.manager().getDevice();
    }

    /** Returns the decoding settings as a run's hyperparameters. */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        boolean greedy = options.temperature() == 0;
        s.put("decoding", greedy ? "greedy" : "sampling");
        s.put("max_new_tokens", options.maxNewTokens());
        if (!greedy) {
            s.put("temperature", (double) options.temperature());
            s.put("top_k", options.topK());
            s.put("top_p", (double) options.topP());
            s.put("seed", options.seed());
        }
        s.put("eos_token_ids", Arrays.stream(options.eosTokenIds()).boxed().toList());
        s.put("batch_size", batchSize);
        return s;
    }

    /**
     * Generates and scores every example, reporting each batch to {@code progress} and polling
     * {@link Cancellation#current()} between batches. LoRA layers in the model are merged into
     * their base weights meanwhile (as a served adapter is) and unmerged after.
     */
    public GenerationReport evaluate(GenerationProgress progress) {
        // A LoRA adapter is merged meanwhile, as a served one is: the outputs are the served
        // model's, and the recorded speed, which prices the run, is not that of the adapter
        // applied on the fly (1.6x slower for the workshop LM).
        try (MergedAdapters served = MergedAdapters.of(model)) {
            return generateAndScore(progress);
        }
    }

    private GenerationReport generateAndScore(GenerationProgress progress) {
        double perplexity =
                new ReferencePerplexity(model, tokenizer).of(scored, batchSize, progress);
        List<GenerationOutput> outputs = new ArrayList<>(examples.size());
        int batches = (examples.size() + batchSize - 1) / batchSize;
        double[] batchMs = new double[batches];
        for (int start = 0; start < examples.size(); start += batchSize) {
            Cancellation.current().throwIfCancelled();
            int end = Math.min(examples.size(), start + batchSize);
            long began = System.nanoTime();
            long[][] generated = model.generate(Arrays.copyOfRange(prompts, start, end), options);
            batchMs[start / batchSize] = (System.nanoTime() - began) / 1e6;
            for (int i = start; i < end; i++) {
                outputs.add(output(i, generated[i - start]));
            }
            progress.batchDone("generating", start / batchSize + 1, batches);
        }
        InferenceFigures speed = GenerationSpeed.of(batchMs, batchSize, examples.size());
        return new GenerationReport(
                title,
                metrics(outputs, perplexity),
                settings(),
                outputs,
                speed == null ? null : speed.withCpu(oneThreadCpuMs(), ThreadCpuClock.cores()));
    }

    /**
     * Returns the CPU time of one request answered alone with the engine on one thread, as a CPU
     * serves one request per core: the first {@link #PRICED_REQUESTS} prompts generated at batch
     * size 1, each one's cheapest of three rounds after one untimed request (of one round once the
     * rounds have taken 5 s: a large model's answers take seconds each); NaN on a GPU. Wall-clock
     * time moved with the machine's load (two runs of one model on the same prompts priced 30 %
     * apart at load 3); this is how classifier inference is priced too (see {@link
     * InferenceProfiler}).
     */
    private double oneThreadCpuMs() {
        if (model.manager().getDevice().isGpu()) {
            return Double.NaN;
        }
        int n = Math.min(PRICED_REQUESTS, prompts.length);
        return InferenceProfiler.oneThreadCpuMs(
                n,
                i -> {
                    Cancellation.current().throwIfCancelled();
                    model.generate(new long[][] {prompts[i]}, options);
                },
                1,
                3,
                5_000_000_000L,
                new ThreadCpuClock());
    }

    private GenerationOutput output(int i, long[] sequence) {
        GenerationExample e = examples.get(i);
        int end = sequence.length;
        if (end > prompts[i].length && isEos(sequence[end - 1])) {
            end--;
        }
        long[] added = Arrays.copyOfRange(sequence, prompts[i].length, end);
        String text = tokenizer.decode(added, true).strip();
        return new GenerationOutput(
                e.id(),
                e.input(),
                e.reference(),
                text,
                prompts[i].length,
                added.length,
                RougeScores.of(e.reference(), text),
                ExactMatch.matches(text, e.reference(), true));
    }

    private boolean isEos(long id) {
        return Arrays.stream(options.eosTokenIds()).anyMatch(e -> e == id);
    }

    private static Map<String, Double> metrics(List<GenerationOutput> outputs, double perplexity) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rouge1", mean(outputs, o -> o.rouge().rouge1().fmeasure()));
        m.put("rouge2", mean(outputs, o -> o.rouge().rouge2().fmeasure()));
        m.put("rougeL", mean(outputs, o -> o.rouge().rougeL().fmeasure()));
        m.put("exact_match", mean(outputs, o -> o.exactMatch() ? 1 : 0));
        m.put("reference_perplexity", perplexity);
        m.put("output_tokens", mean(outputs, GenerationOutput::outputTokens));
        m.put("prompt_tokens", mean(outputs, GenerationOutput::promptTokens));
        m.put("examples", (double) outputs.size());
        return m;
    }

    private static double mean(
            List<GenerationOutput> outputs,
            java.util.function.ToDoubleFunction<GenerationOutput> f) {
        return outputs.stream().mapToDouble(f).sum() / outputs.size();
    }

    /** Adds the tokenizer's end-of-sequence token (often the chat template's end of turn). */
    private static GenerationOptions withEos(
            GenerationOptions o, CausalLanguageModel model, Tokenizer tokenizer) {
        if (o.eosTokenIds() != null) {
            return o;
        }
        long[] eos = model.eosTokenIds() == null ? new long[0] : model.eosTokenIds();
        java.util.OptionalLong own =
                tokenizer.eosToken().map(tokenizer::tokenId).orElse(java.util.OptionalLong.empty());
        if (own.isPresent() && Arrays.stream(eos).noneMatch(id -> id == own.getAsLong())) {
            eos = Arrays.copyOf(eos, eos.length + 1);
            eos[eos.length - 1] = own.getAsLong();
        }
        return GenerationOptions.builder()
                .optMaxNewTokens(o.maxNewTokens())
                .optTemperature(o.temperature())
                .optTopK(o.topK())
                .optTopP(o.topP())
                .optSeed(o.seed())
                .optEosTokenIds(eos)
                .build();
    }

    private static void checkVocabulary(long[] ids, long vocab, String id) {
        for (long token : ids) {
            if (token >= vocab) {
                throw new IllegalArgumentException(
                        "example "
                                + id
                                + ": the tokenizer gives id "
                                + token
                                + ", outside the model's vocabulary of "
                                + vocab
                                + " (is it this model's tokenizer?)");
            }
        }
    }

    /** Builds a {@link GenerationEvaluation}. Instances are not thread-safe. */
    public static final class Builder {
        private CausalLanguageModel model;
        private Tokenizer tokenizer;
        private List<GenerationExample> examples;
        private GenerationOptions options = GenerationOptions.greedy(64);
        private int batchSize = 8;
        private String title = "generation";

        private Builder() {}

        /** Sets the model that generates (required). */
        public Builder setModel(CausalLanguageModel value) {
            model = value;
            return this;
        }

        /** Sets the model's tokenizer (required). */
        public Builder setTokenizer(Tokenizer value) {
            tokenizer = value;
            return this;
        }

        /** Sets the examples (required; see {@link GenerationExamples}). */
        public Builder setExamples(List<GenerationExample> value) {
            examples = value;
            return this;
        }

        /**
         * Sets the decoding settings (default greedy, 64 new tokens); without end-of-sequence ids
         * the model's and the tokenizer's {@code eos_token} stop generation.
         */
        public Builder optOptions(GenerationOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Sets how many prompts are decoded together (default 8). */
        public Builder optBatchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("batch size must be >= 1: " + value);
            }
            batchSize = value;
            return this;
        }

        /** Sets the report's title (default "generation"). */
        public Builder optTitle(String value) {
            title = Objects.requireNonNull(value, "title");
            return this;
        }

        /**
         * Returns the evaluation, its prompts and references tokenised.
         *
         * @throws IllegalArgumentException if there are no examples, a prompt has no tokens, the
         *     tokenizer gives ids outside the model's vocabulary, or a prompt and its new tokens do
         *     not fit the model's context (naming the example)
         * @throws NullPointerException if a required value is missing
         */
        public GenerationEvaluation build() {
            return new GenerationEvaluation(this);
        }
    }
}
