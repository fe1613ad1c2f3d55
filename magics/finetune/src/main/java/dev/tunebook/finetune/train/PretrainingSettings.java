package dev.tunebook.finetune.train;

import dev.tunebook.finetune.model.LlamaShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How {@link Pretraining} trains: the model's shape, the packed row length, the batch, the number
 * of optimizer steps, AdamW's settings, the schedule (linear warmup, then cosine decay to 0),
 * global gradient clipping, and how often it logs, evaluates and checkpoints. The defaults are
 * those of small GPT-style pretraining runs (nanoGPT, Pythia): peak rate 1e-3, betas 0.9/0.95,
 * weight decay 0.1 (not on norms), clipping at 1.0, warmup over a twentieth of the steps. Instances
 * are immutable.
 */
public final class PretrainingSettings {
    /**
     * Options that may change when a run resumes: they decide what is shown, not what is learned.
     */
    static final Set<String> CADENCE =
            Set.of("log-every", "eval-every", "eval-rows", "checkpoint-every");

    private final LlamaShape shape;
    private final int sequenceLength;
    private final int batchSize;
    private final int steps;
    private final int warmupSteps;
    private final double learningRate;
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double clip;
    private final long seed;
    private final int logEvery;
    private final int evalEvery;
    private final int evalRows;
    private final int checkpointEvery;
    private final double repeatFraction;
    private final String init;

    private PretrainingSettings(Builder b) {
        this.shape = b.shape;
        this.sequenceLength = b.sequenceLength == 0 ? b.shape.maxPositions() : b.sequenceLength;
        this.batchSize = b.batchSize;
        this.steps = b.steps;
        this.warmupSteps = b.warmupSteps < 0 ? (b.steps + 19) / 20 : b.warmupSteps;
        this.learningRate = b.learningRate;
        this.weightDecay = b.weightDecay;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.clip = b.clip;
        this.seed = b.seed;
        this.logEvery = b.logEvery;
        this.evalEvery = b.evalEvery;
        this.evalRows = b.evalRows;
        this.checkpointEvery = b.checkpointEvery;
        this.repeatFraction = b.repeatFraction;
        this.init = b.init;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the model's shape. */
    public LlamaShape shape() {
        return shape;
    }

    /** Returns the tokens in a packed row (default the shape's context length). */
    public int sequenceLength() {
        return sequenceLength;
    }

    /** Returns the rows in a batch (one optimizer step). */
    public int batchSize() {
        return batchSize;
    }

    /** Returns the number of optimizer steps. */
    public int steps() {
        return steps;
    }

    /** Returns the steps of linear warmup. */
    public int warmupSteps() {
        return warmupSteps;
    }

    /** Returns the peak learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Returns AdamW's decoupled weight decay. */
    public double weightDecay() {
        return weightDecay;
    }

    /** Returns AdamW's first-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** Returns AdamW's second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** Returns the global gradient norm clipped to, or 0 for none. */
    public double clip() {
        return clip;
    }

    /** Returns the seed of the initial weights and the data order. */
    public long seed() {
        return seed;
    }

    /** Returns how many steps apart progress lines are. */
    public int logEvery() {
        return logEvery;
    }

    /** Returns how many steps apart validations are (0: only at the end). */
    public int evalEvery() {
        return evalEvery;
    }

    /** Returns the validation rows of a periodic validation (0: all); the last uses all. */
    public int evalRows() {
        return evalRows;
    }

    /** Returns how many steps apart checkpoints are (besides validations and the end). */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /**
     * Returns the fraction of training rows whose second half repeats their first half (0: none):
     * predicting a repeat rewards copying from the context, which a model needs to read retrieved
     * passages and which a few million tokens of plain text do not teach a small model.
     */
    public double repeatFraction() {
        return repeatFraction;
    }

    /** Returns the model folder whose weights the run starts from, or "" for random weights. */
    public String init() {
        return init;
    }

    /** Returns the tokens one step trains on. */
    public long tokensPerStep() {
        return (long) batchSize * sequenceLength;
    }

    /** Returns the settings as option names and values, as a checkpoint records them. */
    public Map<String, String> toOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("vocab", Integer.toString(shape.vocabSize()));
        o.put("hidden", Integer.toString(shape.hiddenSize()));
        o.put("layers", Integer.toString(shape.layers()));
        o.put("heads", Integer.toString(shape.heads()));
        o.put("kv-heads", Integer.toString(shape.kvHeads()));
        o.put("intermediate", Integer.toString(shape.intermediateSize()));
        o.put("context", Integer.toString(shape.maxPositions()));
        o.put("seq", Integer.toString(sequenceLength));
        o.put("batch", Integer.toString(batchSize));
        o.put("steps", Integer.toString(steps));
        o.put("warmup", Integer.toString(warmupSteps));
        o.put("lr", Double.toString(learningRate));
        o.put("weight-decay", Double.toString(weightDecay));
        o.put("betas", beta1 + "," + beta2);
        o.put("clip", Double.toString(clip));
        o.put("seed", Long.toString(seed));
        o.put("log-every", Integer.toString(logEvery));
        o.put("eval-every", Integer.toString(evalEvery));
        o.put("eval-rows", Integer.toString(evalRows));
        o.put("checkpoint-every", Integer.toString(checkpointEvery));
        // Recorded only when used, so that checkpoints written before these options resume.
        if (repeatFraction > 0) {
            o.put("repeat", Double.toString(repeatFraction));
        }
        if (!init.isEmpty()) {
            o.put("init", init);
        }
        return o;
    }

    /** Builds {@link PretrainingSettings}. */
    public static final class Builder {
        private LlamaShape shape;
        private int sequenceLength;
        private int batchSize = 16;
        private int steps;
        private int warmupSteps = -1;
        private double learningRate = 1e-3;
        private double weightDecay = 0.1;
        private double beta1 = 0.9;
        private double beta2 = 0.95;
        private double clip = 1.0;
        private long seed = 42;
        private int logEvery = 10;
        private int evalEvery = 200;
        private int evalRows = 64;
        private int checkpointEvery = 100;
        private double repeatFraction;
        private String init = "";

        private Builder() {}

        /** Sets the model's shape. */
        public Builder setShape(LlamaShape value) {
            this.shape = value;
            return this;
        }

        /** Sets the number of optimizer steps. */
        public Builder setSteps(int value) {
            this.steps = value;
            return this;
        }

        /** Sets the tokens in a packed row (default: the shape's context length). */
        public Builder optSequenceLength(int value) {
            this.sequenceLength = value;
            return this;
        }

        /** Sets the rows in a batch (default 16). */
        public Builder optBatchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Sets the warmup steps (default: a twentieth of the steps, rounded up). */
        public Builder optWarmupSteps(int value) {
            this.warmupSteps = value;
            return this;
        }

        /** Sets the peak learning rate (default 1e-3). */
        public Builder optLearningRate(double value) {
            this.learningRate = value;
            return this;
        }

        /** Sets the weight decay (default 0.1). */
        public Builder optWeightDecay(double value) {
            this.weightDecay = value;
            return this;
        }

        /** Sets AdamW's betas (default 0.9 and 0.95). */
        public Builder optBetas(double first, double second) {
            this.beta1 = first;
            this.beta2 = second;
            return this;
        }

        /** Sets the global gradient norm to clip to (default 1.0; 0 for none). */
        public Builder optClip(double value) {
            this.clip = value;
            return this;
        }

        /** Sets the seed (default 42). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Sets how many steps apart progress lines are (default 10). */
        public Builder optLogEvery(int value) {
            this.logEvery = value;
            return this;
        }

        /** Sets how many steps apart validations are (default 200; 0: only at the end). */
        public Builder optEvalEvery(int value) {
            this.evalEvery = value;
            return this;
        }

        /** Sets the validation rows of a periodic validation (default 64; 0: all). */
        public Builder optEvalRows(int value) {
            this.evalRows = value;
            return this;
        }

        /** Sets how many steps apart checkpoints are (default 100). */
        public Builder optCheckpointEvery(int value) {
            this.checkpointEvery = value;
            return this;
        }

        /** Sets the fraction of training rows that repeat their first half (default 0). */
        public Builder optRepeatFraction(double value) {
            this.repeatFraction = value;
            return this;
        }

        /** Sets the model folder to start from (default "": random weights). */
        public Builder optInit(String value) {
            this.init = value;
            return this;
        }

        /**
         * Returns the settings.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public PretrainingSettings build() {
            if (shape == null) {
                throw new IllegalArgumentException("setShape is required");
            }
            positive("steps", steps);
            positive("batch", batchSize);
            positive("log-every", logEvery);
            positive("checkpoint-every", checkpointEvery);
            int seq = sequenceLength == 0 ? shape.maxPositions() : sequenceLength;
            if (seq < 2 || seq > shape.maxPositions()) {
                throw new IllegalArgumentException(
                        "seq must be in 2.." + shape.maxPositions() + " (the context), was " + seq);
            }
            if (warmupSteps > steps) {
                throw new IllegalArgumentException(
                        "warmup (" + warmupSteps + ") exceeds steps (" + steps + ")");
            }
            if (!(learningRate > 0)
                    || weightDecay < 0
                    || clip < 0
                    || evalEvery < 0
                    || evalRows < 0) {
                throw new IllegalArgumentException(
                        "lr must be positive; weight-decay, clip, eval-every and eval-rows >= 0");
            }
            if (!(repeatFraction >= 0 && repeatFraction <= 1)) {
                throw new IllegalArgumentException(
                        "repeat must be a fraction in [0, 1], was " + repeatFraction);
            }
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1)");
            }
            return new PretrainingSettings(this);
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }
    }
}
