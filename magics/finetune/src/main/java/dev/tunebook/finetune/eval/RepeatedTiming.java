package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.runs.Percentiles;
import java.util.function.LongSupplier;

/**
 * Times one piece of work as a benchmark does: some untimed warm-up passes (first calls load
 * kernels, fill caches and trigger the JIT), then several timed repeats, of which the median (for
 * latencies as users meet them) or the fastest (for a throughput that prices a model) is kept, so
 * that one slow pass (a garbage collection, another process) does not price a model. Two
 * measurements of the same forward pass then agree closely; a single pass, as measured before,
 * differed by tens of percent.
 *
 * <p>Instances are immutable; the clock is read on the calling thread.
 */
public final class RepeatedTiming {
    private final int warmup;
    private final int repeats;
    private final LongSupplier nanoClock;

    /**
     * Creates a timing with {@code warmup} untimed passes and {@code repeats} timed ones, reading
     * {@code nanoClock} (as {@link System#nanoTime}) around each.
     *
     * @throws IllegalArgumentException if {@code warmup} is negative or {@code repeats} below 1
     */
    public RepeatedTiming(int warmup, int repeats, LongSupplier nanoClock) {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException(
                    "warm-up must be >= 0 and repeats >= 1: " + warmup + ", " + repeats);
        }
        this.warmup = warmup;
        this.repeats = repeats;
        this.nanoClock = nanoClock;
    }

    /** Creates a timing on {@link System#nanoTime}. */
    public RepeatedTiming(int warmup, int repeats) {
        this(warmup, repeats, System::nanoTime);
    }

    /** Returns the timed repeats per measurement. */
    public int repeats() {
        return repeats;
    }

    /**
     * Runs {@code pass} {@code warmup + repeats} times and returns the median milliseconds of the
     * timed repeats. Polls {@link Cancellation#current()} between passes.
     */
    public double medianMillis(Runnable pass) {
        return Percentiles.of(times(pass), 50);
    }

    /**
     * Runs {@code pass} {@code warmup + repeats} times and returns the fewest milliseconds of the
     * timed repeats: what the work costs when nothing else competes for the machine. Noise from
     * other processes only ever adds time, so on a shared machine the fastest repeat varies less
     * between two measurements than the median does (the reason {@code timeit} reports it).
     * Polls {@link Cancellation#current()} between passes.
     */
    public double bestMillis(Runnable pass) {
        double best = Double.POSITIVE_INFINITY;
        for (double ms : times(pass)) {
            best = Math.min(best, ms);
        }
        return best;
    }

    private double[] times(Runnable pass) {
        for (int i = 0; i < warmup; i++) {
            Cancellation.current().throwIfCancelled();
            pass.run();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            Cancellation.current().throwIfCancelled();
            long start = nanoClock.getAsLong();
            pass.run();
            ms[i] = (nanoClock.getAsLong() - start) / 1e6;
        }
        return ms;
    }
}
