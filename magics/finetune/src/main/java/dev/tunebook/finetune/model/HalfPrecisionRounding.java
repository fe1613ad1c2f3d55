package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.tunebook.finetune.nn.OwnedArrays;
import dev.tunebook.finetune.weights.ElementEncoder;
import java.util.Map;

/**
 * Rounds a float32 model's weights to the values BF16 can hold (nearest, ties to even), keeping
 * them float32: the model then computes exactly what it computes once saved as BF16 safetensors and
 * loaded again (the loader widens BF16 to float32 without loss). DJL 0.36 cannot create BF16
 * arrays, so the rounding is done in Java.
 */
public final class HalfPrecisionRounding {
    private HalfPrecisionRounding() {}

    /**
     * Replaces every weight of {@code model} by its BF16-rounded copy (still float32, still
     * requiring gradients if it did).
     *
     * @throws IllegalArgumentException when the model's weights are not float32
     */
    public static void toBf16Values(LanguageModel model) {
        for (Map.Entry<String, NDArray> e : model.weights().entrySet()) {
            NDArray old = e.getValue();
            if (old.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(
                        e.getKey() + " is " + old.getDataType() + ", not float32");
            }
            float[] values = old.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                values[i] = Float.intBitsToFloat(ElementEncoder.toBf16(values[i]) << 16);
            }
            NDArray rounded = OwnedArrays.of(model.manager(), values, old.getShape());
            boolean gradient = old.hasGradient();
            model.assign(e.getKey(), rounded);
            rounded.setRequiresGradient(gradient);
            old.close();
        }
    }
}
