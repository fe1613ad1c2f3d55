package dev.tunebook.finetune.generate;

/**
 * How to generate: greedy by default; sampling when a temperature above zero is set, optionally
 * restricted to the top-k tokens and to the smallest set whose probability reaches top-p.
 */
public final class GenerationOptions {
    private final int maxNewTokens;
    private final float temperature;
    private final int topK;
    private final float topP;
    private final long seed;
    private final long[] eosTokenIds;

    private GenerationOptions(Builder builder) {
        maxNewTokens = builder.maxNewTokens;
        temperature = builder.temperature;
        topK = builder.topK;
        topP = builder.topP;
        seed = builder.seed;
        eosTokenIds = builder.eosTokenIds;
    }

    /** Returns a builder with greedy decoding of up to 32 new tokens. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns greedy decoding of up to {@code maxNewTokens} tokens. */
    public static GenerationOptions greedy(int maxNewTokens) {
        return builder().optMaxNewTokens(maxNewTokens).build();
    }

    /** Returns the most tokens to add. */
    public int maxNewTokens() {
        return maxNewTokens;
    }

    /** Returns the sampling temperature; 0 means greedy. */
    public float temperature() {
        return temperature;
    }

    /** Returns how many of the most likely tokens sampling keeps; 0 keeps all. */
    public int topK() {
        return topK;
    }

    /** Returns the nucleus probability mass sampling keeps; 1 keeps all. */
    public float topP() {
        return topP;
    }

    /** Returns the sampling seed. */
    public long seed() {
        return seed;
    }

    /** Returns the end-of-sequence ids, or {@code null} to use the model's. */
    public long[] eosTokenIds() {
        return eosTokenIds == null ? null : eosTokenIds.clone();
    }

    /** Builds {@link GenerationOptions}. */
    public static final class Builder {
        private int maxNewTokens = 32;
        private float temperature;
        private int topK;
        private float topP = 1f;
        private long seed = 42;
        private long[] eosTokenIds;

        private Builder() {}

        /** Sets the most tokens to add (default 32). */
        public Builder optMaxNewTokens(int maxNewTokens) {
            if (maxNewTokens < 0) {
                throw new IllegalArgumentException("maxNewTokens must be >= 0: " + maxNewTokens);
            }
            this.maxNewTokens = maxNewTokens;
            return this;
        }

        /** Sets the sampling temperature; 0 (the default) decodes greedily. */
        public Builder optTemperature(float temperature) {
            if (temperature < 0) {
                throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** Keeps only the {@code topK} most likely tokens when sampling; 0 keeps all. */
        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        /** Keeps the smallest set of tokens whose probability reaches {@code topP}. */
        public Builder optTopP(float topP) {
            if (topP <= 0 || topP > 1) {
                throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
            }
            this.topP = topP;
            return this;
        }

        /** Sets the seed that makes sampling repeatable (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the ids that stop generation (default: the model's {@code eos_token_id}). */
        public Builder optEosTokenIds(long... eosTokenIds) {
            this.eosTokenIds = eosTokenIds.clone();
            return this;
        }

        /** Returns the options. */
        public GenerationOptions build() {
            return new GenerationOptions(this);
        }
    }
}
