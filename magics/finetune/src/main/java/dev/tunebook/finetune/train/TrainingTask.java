package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the training loop trains: a model with its trainable parameters, the loss of a batch of
 * training rows, evaluation of a split, and saving and restoring the trainable parameters.
 * Implementations are not thread-safe.
 */
interface TrainingTask extends AutoCloseable {
    /** Returns the trainable arrays by name (current arrays: call again after {@link #load}). */
    Map<String, NDArray> trainable();

    /** Returns the number of parameters of the whole model, frozen ones included. */
    long totalParameters();

    /** Returns the mean loss of training rows {@code rows}; arrays live in {@code scope}. */
    NDArray loss(int[] rows, NDManager scope);

    /**
     * Returns what the loss of training rows {@code rows} is a mean over: the rows themselves for
     * classification, the predicted tokens for a causal model. Data-parallel shards are weighted by
     * it.
     */
    double lossWeight(int[] rows);

    /** Returns the number of real tokens in training rows {@code rows}. */
    long tokens(int[] rows);

    /** Returns metrics of {@code split}: accuracy, macro_f1 and loss, or loss and perplexity. */
    default Map<String, Double> evaluate(String split) {
        return evaluate(split, (batch, batches) -> {});
    }

    /** Returns metrics of {@code split} as {@link #evaluate(String)}, reporting each batch done. */
    Map<String, Double> evaluate(String split, Batches done);

    /** Hears of an evaluation's progress. */
    @FunctionalInterface
    interface Batches {
        /** Called after batch {@code batch} (1-based) of {@code batches}. */
        void done(int batch, int batches);
    }

    /** Returns the metric that picks the best checkpoint: {@code accuracy} or {@code loss}. */
    String selectionMetric();

    /** Sets whether dropout is active. */
    void setTraining(boolean training);

    /** Writes the trainable parameters (and, for LoRA, the PEFT adapter) into {@code dir}. */
    void save(Path dir) throws IOException;

    /** Restores the trainable parameters saved by {@link #save} in {@code dir}. */
    void load(Path dir) throws IOException;

    /** Returns the model's sizes, for the memory estimate. */
    ModelShape shape();

    /** Returns the manager that owns the model. */
    NDManager manager();

    /** Returns the LoRA adapter this task trains, or null when it trains no adapter. */
    default dev.tunebook.finetune.lora.LoraModel lora() {
        return null;
    }

    @Override
    void close();
}
