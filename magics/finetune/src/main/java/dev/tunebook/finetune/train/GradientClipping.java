package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Collection;

/**
 * Global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_} does it: the norm of all
 * gradients together, {@code sqrt(sum ||g||^2)}, and every gradient scaled by {@code min(1, maxNorm
 * / (norm + 1e-6))}. DJL's own {@code optClipGrad} clamps elements instead, which is a different
 * thing (negative gradients are never clipped).
 */
public final class GradientClipping {
    /** Added to the norm before dividing, as PyTorch does. */
    public static final double EPSILON = 1e-6;

    private GradientClipping() {}

    /**
     * Returns the L2 norm of the gradients of {@code parameters} taken together; parameters without
     * a gradient are left out. Returns 0 when none has a gradient.
     */
    public static double globalNorm(Collection<NDArray> parameters) {
        NDList norms = new NDList();
        try {
            for (NDArray parameter : parameters) {
                try (NDArray gradient = ParameterGradients.of(parameter)) {
                    if (gradient != null) {
                        norms.add(gradient.norm());
                    }
                }
            }
            if (norms.isEmpty()) {
                return 0;
            }
            try (NDArray stacked = NDArrays.stack(norms);
                    NDArray total = stacked.norm()) {
                return total.getFloat();
            }
        } finally {
            norms.close();
        }
    }

    /** Returns the factor gradients are scaled by: {@code min(1, maxNorm / (totalNorm + 1e-6))}. */
    public static double coefficient(double totalNorm, double maxNorm) {
        return Math.min(1.0, maxNorm / (totalNorm + EPSILON));
    }

    /**
     * Scales the gradients of {@code parameters} in place so that their global norm is at most
     * {@code maxNorm}, and returns the norm before clipping.
     */
    public static double clip(Collection<NDArray> parameters, double maxNorm) {
        double norm = globalNorm(parameters);
        double coefficient = coefficient(norm, maxNorm);
        if (coefficient < 1.0) {
            for (NDArray parameter : parameters) {
                try (NDArray gradient = ParameterGradients.of(parameter)) {
                    if (gradient != null) {
                        gradient.muli(coefficient);
                    }
                }
            }
        }
        return norm;
    }
}
