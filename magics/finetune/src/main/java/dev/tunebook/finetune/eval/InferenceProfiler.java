package dev.tunebook.finetune.eval;

import ai.djl.engine.Engine;
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
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Measures a model's inference cost on the device it sits on: after a few warm-up passes, whose
 * times are dropped, the examples in padded batches (one untimed run, then the fastest of several:
 * noise only adds time) for the throughput, then forward passes per example at batch size 1 (each
 * example timed several times, its median kept) for the latency percentiles, then the CPU time of
 * those passes on one engine thread (the priced figure), and the size of the saved weights. The
 * batches come first so that every measurement sees the C allocator as a serving process does:
 * until a large block has been freed, glibc returns each small pass's memory to the system and
 * faults it in again on the next pass (28 % more CPU time in a JVM's first measurement). For LoRA
 * both forms are measured: unmerged (the adapter applied on the fly; size of the adapter) and
 * merged (the update added into the base weights; size of the full model).
 *
 * <p>Each pass ends by reading one number computed from its output, so asynchronous devices have
 * finished the work that is timed. Instances are immutable.
 */
public final class InferenceProfiler {
    /** Timed repeats of every pass: the median counts for latencies, the fastest for throughput. */
    public static final int REPEATS = 5;

    /** The least time untimed passes run before a measurement (when it has any). */
    static final long WARMUP_MILLIS = 500;

    /** Rounds over the examples of the one-thread CPU-time measurement that prices a request. */
    static final int PRICED_ROUNDS = 3;

    /** The most untimed passes {@link #WARMUP_MILLIS} may add. */
    static final int MAX_WARMUP_PASSES = 100;

    private final int warmup;
    private final int batchSize;
    private final RepeatedTiming once;
    private final RepeatedTiming batched;
    private final LongSupplier cpuClock;

    /** Creates a profiler with {@code warmup} untimed passes and batches of {@code batchSize}. */
    public InferenceProfiler(int warmup, int batchSize) {
        this(warmup, batchSize, REPEATS, System::nanoTime);
    }

    /**
     * Creates a profiler with {@code warmup} untimed passes before the measurement, batches of
     * {@code batchSize}, and {@code repeats} timed passes of every example and of the batched run
     * (the median of an example's repeats, the fastest batched run), read on {@code nanoClock}.
     */
    public InferenceProfiler(int warmup, int batchSize, int repeats, LongSupplier nanoClock) {
        this(warmup, batchSize, repeats, nanoClock, new ThreadCpuClock());
    }

    /**
     * As {@link #InferenceProfiler(int, int, int, LongSupplier)}, reading the CPU time
     * (nanoseconds, of the calling thread; see {@link ThreadCpuClock}) on {@code cpuClock} around
     * each of the priced passes.
     */
    public InferenceProfiler(
            int warmup, int batchSize, int repeats, LongSupplier nanoClock, LongSupplier cpuClock) {
        if (warmup < 0 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "warm-up must be >= 0 and batch size >= 1: " + warmup + ", " + batchSize);
        }
        this.warmup = warmup;
        this.batchSize = batchSize;
        this.once = new RepeatedTiming(0, repeats, nanoClock);
        this.batched = new RepeatedTiming(1, repeats, nanoClock);
        this.cpuClock = cpuClock;
    }

    /** Creates a profiler with 3 warm-up passes, batches of 32 and {@value #REPEATS} repeats. */
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
        return profile(model, texts.stream().map(batches::tokenize).toList(), modelBytes);
    }

    /**
     * Profiles {@code model} on inputs already tokenised (a fine-tune's own examples): after the
     * warm-up, all in padded batches, {@code repeats} times after one untimed run, for the
     * throughput, then each input alone, {@code repeats} times, for the latencies (the median of
     * each input's repeats), then the one-thread CPU time per input.
     *
     * @throws IllegalArgumentException if there are no inputs
     */
    public InferenceProfile profile(LanguageModel model, List<long[]> inputs, long modelBytes) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs to profile inference on");
        }
        long[][] ids = inputs.toArray(long[][]::new);
        warmUp(i -> forwardOne(model, ids[i % ids.length]));
        EncoderBatches batches = new EncoderBatches(model, null, batchSize, maxLength(model));
        double ms =
                batched.bestMillis(
                        () ->
                                batches.applyIds(
                                        ids, (in, mask) -> summary(model.forward(in, mask))));
        double[] latencies = new double[ids.length];
        long tokens = 0;
        for (int i = 0; i < ids.length; i++) {
            long[] row = ids[i];
            latencies[i] = once.medianMillis(() -> forwardOne(model, row));
            tokens += row.length;
        }
        double cpuMs =
                model.manager().getDevice().isGpu()
                        ? Double.NaN
                        : oneThreadCpuMs(ids.length, i -> forwardOne(model, ids[i]));
        return new InferenceProfile(
                latencies,
                ids.length / (ms / 1000),
                batchSize,
                modelBytes,
                (double) tokens / ids.length,
                cpuMs,
                ThreadCpuClock.cores());
    }

    /**
     * Profiles a whole classifier as it is used, prompt building and label scoring included: after
     * warm-up, all texts together for the throughput, then each text classified alone for the
     * latencies and the one-thread CPU time. Tokens per example are not known here and reported as
     * {@code NaN}.
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
     * mean tokens per example, so that costs can be scaled to other request lengths. Every text is
     * timed {@code repeats} times (its median counts), and the batched run too (its fastest
     * counts).
     */
    public InferenceProfile profile(
            TextClassifier classifier, List<String> texts, long modelBytes, Tokenizer tokenizer) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to profile inference on");
        }
        warmUp(i -> classifier.classify(List.of(texts.get(i % texts.size()))));
        double ms = batched.bestMillis(() -> classifier.classify(texts));
        double[] latencies = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            List<String> one = List.of(texts.get(i));
            latencies[i] = once.medianMillis(() -> classifier.classify(one));
        }
        double cpuMs =
                Engine.getInstance().defaultDevice().isGpu()
                        ? Double.NaN
                        : oneThreadCpuMs(
                                texts.size(), i -> classifier.classify(List.of(texts.get(i))));
        double tokens =
                tokenizer == null
                        ? Double.NaN
                        : texts.stream()
                                .mapToInt(t -> tokenizer.encode(t).ids().length)
                                .average()
                                .orElse(Double.NaN);
        return new InferenceProfile(
                latencies,
                texts.size() / (ms / 1000),
                texts.size(),
                modelBytes,
                tokens,
                cpuMs,
                ThreadCpuClock.cores());
    }

    /**
     * Runs untimed passes: at least {@code warmup}, and, when there are any, for at least {@link
     * #WARMUP_MILLIS} (at most {@link #MAX_WARMUP_PASSES} passes). A few passes load the kernels,
     * but the JIT keeps compiling the Java side for longer, and a first measurement that started
     * too soon priced a model 8-20 % above the same measurement repeated.
     */
    private void warmUp(IntConsumer pass) {
        long start = System.nanoTime();
        for (int i = 0;
                i < warmup
                        || warmup > 0
                                && i < MAX_WARMUP_PASSES
                                && System.nanoTime() - start < WARMUP_MILLIS * 1_000_000L;
                i++) {
            Cancellation.current().throwIfCancelled();
            pass.accept(i);
        }
    }

    /**
     * Returns the CPU milliseconds per pass over each of {@code examples} examples, with the engine
     * on one thread: each example's cheapest of {@link #PRICED_ROUNDS} passes after up to 8 untimed
     * passes (another process or a garbage collection only adds time), averaged over the examples,
     * the engine's thread count restored after. One thread is how a CPU serves small requests best
     * (one request per core): on two cores MiniLM spent 1.5-1.8x the CPU time per request on two
     * threads for the same latency.
     */
    private double oneThreadCpuMs(int examples, IntConsumer pass) {
        return oneThreadCpuMs(
                examples, pass, Math.min(examples, 8), PRICED_ROUNDS, Long.MAX_VALUE, cpuClock);
    }

    /**
     * Returns {@code cpuClock}'s milliseconds per pass over each of {@code examples} examples with
     * the engine on one thread: the mean over the examples of each one's cheapest pass in {@code
     * rounds} rounds, after {@code untimed} untimed passes (no round begins once {@code
     * budgetNanos} of wall-clock time have gone on the timed rounds, but at least one runs), the
     * engine's thread count restored after; NaN when the clock did not advance. The cheapest pass
     * of each example, not of each round: contention from other processes comes in bursts of a few
     * milliseconds, and a round of a few hundred rarely misses all of them (the first profile of a
     * notebook priced one MiniLM pass 40 % above the next two at load 5 by rounds).
     */
    static double oneThreadCpuMs(
            int examples,
            IntConsumer pass,
            int untimed,
            int rounds,
            long budgetNanos,
            LongSupplier cpuClock) {
        int threads = EngineThreads.get();
        EngineThreads.set(1);
        try {
            for (int i = 0; i < untimed; i++) {
                pass.accept(i % examples); // the engine's first passes on its new thread count
            }
            long[] cheapest = new long[examples];
            Arrays.fill(cheapest, Long.MAX_VALUE);
            long began = System.nanoTime();
            for (int round = 0;
                    round < rounds && (round == 0 || System.nanoTime() - began < budgetNanos);
                    round++) {
                for (int i = 0; i < examples; i++) {
                    Cancellation.current().throwIfCancelled();
                    long start = cpuClock.getAsLong();
                    pass.accept(i);
                    long end = cpuClock.getAsLong();
                    if (start >= 0 && end > start) {
                        cheapest[i] = Math.min(cheapest[i], end - start);
                    }
                }
            }
            double sum = 0;
            int measured = 0;
            for (long ns : cheapest) {
                if (ns != Long.MAX_VALUE) {
                    sum += ns;
                    measured++;
                }
            }
            return measured == 0 ? Double.NaN : sum / 1e6 / measured;
        } finally {
            EngineThreads.set(threads);
        }
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
        return store.update(runId, run -> run.withInference(figures));
    }

    private static void forwardOne(LanguageModel model, long[] ids) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.create(ids, new Shape(1, ids.length));
            NDArray mask =
                    scope.ones(new Shape(1, ids.length), ai.djl.ndarray.types.DataType.INT64);
            NDArray out = summary(model.forward(input, mask));
            out.attach(scope);
            out.toFloatArray();
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
