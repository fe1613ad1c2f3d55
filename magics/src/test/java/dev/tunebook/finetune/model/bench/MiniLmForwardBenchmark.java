package dev.tunebook.finetune.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.Pooling;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures forward tokens/s on CPU for a MiniLM-shaped BERT (hidden 384, 6 layers, 12 heads,
 * intermediate 1536) at batch 32 × 32 tokens, mean-pooled as sentence embeddings.
 *
 * <p>Usage: {@code MiniLmForwardBenchmark [iterations]}. Weights are random: speed does not depend
 * on their values.
 */
public final class MiniLmForwardBenchmark {
    private static final int BATCH = 32;
    private static final int LENGTH = 32;

    private MiniLmForwardBenchmark() {}

    /** Runs the benchmark and prints tokens/s, then ONNX Runtime's on the same batch. */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long[] ids = new long[BATCH * LENGTH];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + (i * 7919L) % 29000;
        }
        tunebook(ids, iterations);
        try (OnnxRuntimeMiniLm reference = new OnnxRuntimeMiniLm()) {
            for (int i = 0; i < 5; i++) {
                reference.run(ids, BATCH, LENGTH);
            }
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                reference.run(ids, BATCH, LENGTH);
            }
            report("ONNX Runtime, all-MiniLM-L6-v2", start, iterations);
        }
    }

    private static void report(String what, long start, int iterations) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%s, batch %d x %d tokens, %d cores: %.1f ms/batch, %.0f tokens/s%n",
                what,
                BATCH,
                LENGTH,
                Runtime.getRuntime().availableProcessors(),
                seconds * 1000 / iterations,
                (double) iterations * BATCH * LENGTH / seconds);
    }

    private static void tunebook(long[] ids, int iterations) {
        try (NDManager root = NDManager.newBaseManager();
                BertModel model = miniLm(root.newSubManager())) {
            for (int i = 0; i < 5; i++) {
                run(model, ids);
            }
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                run(model, ids);
            }
            report("tunebook BertModel (DJL PyTorch), MiniLM shape", start, iterations);
        }
    }

    private static void run(BertModel model, long[] ids) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.create(ids, new Shape(BATCH, LENGTH));
            NDArray mask = scope.ones(new Shape(BATCH, LENGTH), DataType.INT64);
            model.embed(input, mask, Pooling.MEAN).toFloatArray();
        }
    }

    private static BertModel miniLm(NDManager manager) {
        BertModel model =
                BertModel.builder()
                        .setVocabSize(30522)
                        .setHiddenSize(384)
                        .setLayers(6)
                        .setHeads(12)
                        .setIntermediateSize(1536)
                        .build(manager);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        model.parameterShapes()
                .forEach(
                        (name, shape) ->
                                weights.put(
                                        name,
                                        manager.randomNormal(0, 0.02f, shape, DataType.FLOAT32)));
        model.loadWeights(weights);
        return model;
    }
}
