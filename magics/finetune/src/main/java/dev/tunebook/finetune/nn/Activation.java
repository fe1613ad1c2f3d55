package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/** The activation functions that Hugging Face configs name in {@code hidden_act}. */
public enum Activation {
    /** Exact GELU, {@code x * Phi(x)} (transformers' {@code gelu}). */
    GELU,
    /** GELU's tanh approximation (transformers' {@code gelu_new}, {@code gelu_pytorch_tanh}). */
    GELU_TANH,
    /** SiLU, {@code x * sigmoid(x)} (also called swish). */
    SILU,
    /** ReLU. */
    RELU;

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    /**
     * Returns the activation named as in a config's {@code hidden_act} or {@code
     * activation_function}.
     *
     * @throws IllegalArgumentException for a name this library does not implement
     */
    public static Activation fromName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu":
                return GELU;
            case "gelu_new":
            case "gelu_pytorch_tanh":
            case "gelu_fast":
                return GELU_TANH;
            case "silu":
            case "swish":
                return SILU;
            case "relu":
                return RELU;
            default:
                throw new IllegalArgumentException(
                        "Unsupported activation '"
                                + name
                                + "'; supported: gelu, gelu_new, gelu_pytorch_tanh, silu, relu");
        }
    }

    /** Returns the activation applied element-wise. */
    public NDArray apply(NDArray x) {
        switch (this) {
            case GELU:
                return ai.djl.nn.Activation.gelu(x);
            case GELU_TANH:
                return geluTanh(x);
            case SILU:
                try (NDArray sig = x.getNDArrayInternal().sigmoid()) {
                    return x.mul(sig);
                }
            default:
                return ai.djl.nn.Activation.relu(x);
        }
    }

    private static NDArray geluTanh(NDArray x) {
        try (NDArray cube = Scalars.pow(x, 3);
                NDArray scaledCube = Scalars.mul(cube, 0.044715f);
                NDArray inner = x.add(scaledCube);
                NDArray arg = Scalars.mul(inner, (float) SQRT_2_OVER_PI);
                NDArray tanh = arg.tanh();
                NDArray onePlus = Scalars.add(tanh, 1f);
                NDArray half = Scalars.mul(x, 0.5f)) {
            return half.mul(onePlus);
        }
    }
}
