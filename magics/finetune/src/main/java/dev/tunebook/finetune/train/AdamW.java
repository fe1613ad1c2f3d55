package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW with the exact update of {@code torch.optim.AdamW}, whose state can be saved and restored.
 * For each parameter {@code p} with gradient {@code g} at its step {@code t}:
 *
 * <pre>
 * p    = p - lr * weight_decay * p
 * m    = beta1 * m + (1 - beta1) * g
 * v    = beta2 * v + (1 - beta2) * g * g
 * p    = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>The update runs as one fused native call per parameter: PyTorch's engine in DJL applies {@code
 * p -= c * m / (sqrt(v) + e)}, and with {@code c = lr * sqrt(1 - beta2^t) / (1 - beta1^t)} and
 * {@code e = eps * sqrt(1 - beta2^t)} that is the update above. Float32 parameters of 2^18 elements
 * or more take in-place ops instead, which allocate less. Gradients are zeroed after the step.
 * Parameters without a gradient (not requiring one, or not reached by the backward pass) are
 * skipped, as PyTorch skips parameters whose {@code grad} is None, and each parameter counts its
 * own steps.
 *
 * <p>Instances are not thread-safe. Close the optimizer to free its state.
 */
public final class AdamW implements AutoCloseable {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Predicate<String> decays;
    private final Map<String, MomentState> state = new LinkedHashMap<>();
    private NDManager manager;

    private AdamW(Builder builder) {
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.eps = builder.eps;
        this.weightDecay = builder.weightDecay;
        this.decays = builder.decays;
    }

    /** Returns a new builder with PyTorch's defaults (betas 0.9/0.999, eps 1e-8, decay 0.01). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes one step on every parameter of {@code parameters} (name to array) at rate {@code lr}.
     */
    public void step(Map<String, NDArray> parameters, double lr) {
        step(parameters, lr, 1.0);
    }

    /**
     * Takes one step with gradients first multiplied by {@code gradientScale}, which is how a
     * clipping coefficient from {@link GradientClipping#coefficient} is applied without a separate
     * pass over the gradients.
     */
    public void step(Map<String, NDArray> parameters, double lr, double gradientScale) {
        // An update is never part of the graph (torch.optim's step runs under no_grad): grad mode
        // is per thread, and a thread whose mode was left on would refuse the in-place updates
        // ("a leaf Variable that requires grad is being used in an in-place operation").
        try (NoGradient off = new NoGradient()) {
            for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
                try (NDArray gradient = ParameterGradients.of(entry.getValue())) {
                    if (gradient != null) {
                        update(entry.getKey(), entry.getValue(), gradient, lr, gradientScale);
                    }
                }
            }
        }
    }

    private void update(
            String name, NDArray parameter, NDArray gradient, double lr, double gradientScale) {
        MomentState moments =
                state.computeIfAbsent(name, n -> MomentState.zeros(manager(parameter), parameter));
        if (!moments.expAvg().getShape().equals(parameter.getShape())) {
            throw new IllegalStateException(
                    "optimizer state of "
                            + name
                            + " has shape "
                            + moments.expAvg().getShape()
                            + " but the parameter has "
                            + parameter.getShape());
        }
        long t = moments.advance();
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double decay = decays.test(name) ? weightDecay : 0.0;
        if (LargeParameterUpdate.appliesTo(parameter)) {
            LargeParameterUpdate.apply(
                    parameter,
                    gradient,
                    moments,
                    beta1,
                    beta2,
                    lr,
                    gradientScale,
                    decay,
                    lr * correction2Sqrt / correction1,
                    eps * correction2Sqrt);
            return;
        }
        parameter
                .getNDArrayInternal()
                .adamUpdate(
                        new NDList(parameter, gradient, moments.expAvg(), moments.expAvgSq()),
                        new NDList(parameter),
                        (float) lr,
                        (float) (lr * correction2Sqrt / correction1),
                        (float) decay,
                        (float) gradientScale,
                        -1f,
                        (float) beta1,
                        (float) beta2,
                        (float) (eps * correction2Sqrt),
                        false,
                        true);
    }

    private NDManager manager(NDArray parameter) {
        if (manager == null) {
            manager = parameter.getManager().newSubManager();
        }
        return manager;
    }

    /** Returns the steps taken for parameter {@code name} (0 before its first step). */
    public long steps(String name) {
        MomentState moments = state.get(name);
        return moments == null ? 0 : moments.steps();
    }

    /**
     * Returns the first-moment estimate ({@code exp_avg}) of {@code name}, or null before a step.
     */
    public NDArray expAvg(String name) {
        MomentState moments = state.get(name);
        return moments == null ? null : moments.expAvg();
    }

    /** Returns the second-moment estimate ({@code exp_avg_sq}) of {@code name}, or null. */
    public NDArray expAvgSq(String name) {
        MomentState moments = state.get(name);
        return moments == null ? null : moments.expAvgSq();
    }

    /**
     * Writes the state (per parameter: step, {@code exp_avg}, {@code exp_avg_sq}) and the
     * hyperparameters to a safetensors file, replacing it atomically.
     */
    public void save(Path file) throws IOException {
        AdamWStateFile.write(file, hyperparameters(), state);
    }

    /**
     * Replaces the state with the one saved in {@code file}, whose arrays are created in {@code
     * manager}'s device (the parameters' manager).
     *
     * @throws IOException when the file is not an AdamW state or its hyperparameters differ
     */
    public void load(Path file, NDManager parameterManager) throws IOException {
        Map<String, MomentState> loaded =
                AdamWStateFile.read(file, hyperparameters(), manager(parameterManager));
        state.values().forEach(MomentState::close);
        state.clear();
        state.putAll(loaded);
    }

    private NDManager manager(NDManager parameterManager) {
        if (manager == null) {
            manager = parameterManager.newSubManager();
        }
        return manager;
    }

    private Map<String, String> hyperparameters() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("beta1", Double.toString(beta1));
        values.put("beta2", Double.toString(beta2));
        values.put("eps", Double.toString(eps));
        values.put("weight_decay", Double.toString(weightDecay));
        return values;
    }

    @Override
    public void close() {
        state.clear();
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    /** Builds an {@link AdamW}. */
    public static final class Builder {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 0.01;
        private Predicate<String> decays = name -> true;

        private Builder() {}

        /** Sets the moment decay rates (default 0.9 and 0.999). */
        public Builder optBetas(double first, double second) {
            if (!(first >= 0 && first < 1 && second >= 0 && second < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1)");
            }
            this.beta1 = first;
            this.beta2 = second;
            return this;
        }

        /** Sets the term added to the denominator (default 1e-8). */
        public Builder optEps(double value) {
            this.eps = value;
            return this;
        }

        /** Sets the decoupled weight decay (default 0.01, as PyTorch's AdamW). */
        public Builder optWeightDecay(double value) {
            this.weightDecay = value;
            return this;
        }

        /**
         * Sets which parameters (by name) are decayed; by default all are, as when every parameter
         * is in one PyTorch parameter group.
         */
        public Builder optDecayed(Predicate<String> value) {
            this.decays = value;
            return this;
        }

        /** Returns the optimizer. */
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
