package dev.tunebook.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;

/** Where the arrays of a new adapter come from: a fresh initialisation or a saved adapter. */
interface AdapterTensors {
    /** Returns the array of the LoRA parameter {@code name} (model naming) of {@code shape}. */
    NDArray lora(String name, Shape shape) throws IOException;

    /**
     * Returns the array of the copied parameter {@code name}, whose original is {@code original}.
     */
    NDArray copy(String name, NDArray original) throws IOException;

    /** Fails if the source holds tensors that no module of the model used. */
    void checkAllUsed() throws IOException;
}
