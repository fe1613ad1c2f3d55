package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.util.RandomUtils;
import java.util.Random;

/**
 * The seed that makes a run repeatable: it seeds the engine (PyTorch's generator, used by dropout
 * and random initialisation), DJL's own random source, and gives each consumer in Java (data order,
 * sampling) its own {@link Random} derived from the seed and a purpose name, so that adding a
 * consumer does not shift the others' streams. Instances are immutable.
 *
 * @param value the seed
 */
public record Seed(long value) {
    /** Seeds the engine and DJL's random source with this seed and returns this seed. */
    public Seed apply() {
        Engine.getInstance().setRandomSeed((int) (value ^ (value >>> 32)));
        RandomUtils.RANDOM.setSeed(value);
        return this;
    }

    /** Returns a seed for {@code purpose}: the same for the same seed and purpose. */
    public long derive(String purpose) {
        long h = value ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** Returns a new random source for {@code purpose} (see {@link #derive}). */
    public Random random(String purpose) {
        return new Random(derive(purpose));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
