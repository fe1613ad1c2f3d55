package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tunebook.finetune.runs.InferenceFigures;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Warm-up and repeats on a scripted clock: each pass of the work advances the clock by the next
 * scripted duration, so that slow first passes and stray slow repeats are deterministic and the
 * figures can be compared exactly (no timed assertions).
 */
class RepeatedTimingTest {

    /** A clock that each {@link #pass} advances by the next scripted number of milliseconds. */
    private static final class ScriptedClock implements LongSupplier {
        private final Deque<Double> durations = new ArrayDeque<>();
        private final double steady;
        private long nanos;

        ScriptedClock(double steadyMs, List<Double> firstPassesMs) {
            this.steady = steadyMs;
            durations.addAll(firstPassesMs);
        }

        void pass() {
            double ms = durations.isEmpty() ? steady : durations.removeFirst();
            nanos += (long) (ms * 1e6);
        }

        @Override
        public long getAsLong() {
            return nanos;
        }
    }

    @Test
    void warmUpIsDroppedAndTheMedianIgnoresAStraySlowRepeat() {
        ScriptedClock clock = new ScriptedClock(10, List.of(500.0, 120.0, 10.0, 12.0, 90.0, 11.0));
        RepeatedTiming timing = new RepeatedTiming(2, 5, clock);
        assertEquals(11.0, timing.medianMillis(clock::pass), 1e-9);
    }

    @Test
    void theFastestRepeatIgnoresEverySlowOne() {
        // two measurements of the same work, each meeting other processes in different repeats
        ScriptedClock first = new ScriptedClock(10, List.of(500.0, 14.0, 10.0, 19.0, 12.0, 10.5));
        ScriptedClock second = new ScriptedClock(10, List.of(90.0, 10.2, 18.0, 16.0, 17.0, 15.0));
        assertEquals(10.0, new RepeatedTiming(1, 5, first).bestMillis(first::pass), 1e-9);
        assertEquals(10.2, new RepeatedTiming(1, 5, second).bestMillis(second::pass), 1e-9);
        // the medians of the same repeats are 12 and 16: 33% apart
        ScriptedClock again = new ScriptedClock(10, List.of(90.0, 10.2, 18.0, 16.0, 17.0, 15.0));
        assertEquals(16.0, new RepeatedTiming(1, 5, again).medianMillis(again::pass), 1e-9);
    }

    @Test
    void twoMeasurementsOfTheSameForwardPassPriceTheSame() {
        // the first profile meets a cold start and a slow pass, the second a slow pass elsewhere;
        // a single timed pass per text (as before) would have priced them 40% apart
        ScriptedClock cold = new ScriptedClock(10, List.of(300.0, 80.0, 40.0, 10.0, 14.0, 10.0));
        ScriptedClock warm = new ScriptedClock(10, List.of(10.0, 10.0, 10.0, 10.0, 10.0, 25.0));
        List<String> texts = List.of("a", "b", "c", "d");
        InferenceFigures first = profile(cold, texts);
        InferenceFigures second = profile(warm, texts);
        assertEquals(10.0, first.latencyMsP50(), 1e-9);
        assertEquals(first.latencyMsP50(), second.latencyMsP50(), 1e-9);
        assertEquals(first.throughputPerSecond(), second.throughputPerSecond(), 1e-9);
        assertEquals(4 / 0.010, first.throughputPerSecond(), 1e-6); // every batch scripted 10 ms
    }

    private static InferenceFigures profile(ScriptedClock clock, List<String> texts) {
        TextClassifier classifier =
                new TextClassifier() {
                    @Override
                    public List<String> labels() {
                        return List.of("x");
                    }

                    @Override
                    public List<LabelScores> classify(List<String> batch) {
                        clock.pass();
                        return batch.stream()
                                .map(t -> new LabelScores(labels(), new double[] {1}))
                                .toList();
                    }
                };
        return new InferenceProfiler(1, 32, 3, clock).profile(classifier, texts, 1L).figures();
    }

    @Test
    void atLeastOneRepeatIsTimed() {
        assertThrows(IllegalArgumentException.class, () -> new RepeatedTiming(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RepeatedTiming(-1, 3));
    }
}
