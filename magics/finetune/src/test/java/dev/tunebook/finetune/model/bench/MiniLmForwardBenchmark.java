package dev.tunebook.finetune.model.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.weights.OnnxBertImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

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

    /**
     * Runs both engines alternately, batch by batch (so that load from other processes hits both
     * alike), and prints the median and best batch time and tokens/s of each.
     */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long[] ids = new long[BATCH * LENGTH];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + (i * 7919L) % 29000;
        }
        long[] ours = new long[iterations];
        long[] reference = new long[iterations];
        try (BertModel model = miniLm();
                OnnxRuntimeMiniLm onnxRuntime = new OnnxRuntimeMiniLm()) {
            for (int i = 0; i < 5; i++) {
                run(model, ids);
                onnxRuntime.run(ids, BATCH, LENGTH);
            }
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                run(model, ids);
                long middle = System.nanoTime();
                onnxRuntime.run(ids, BATCH, LENGTH);
                ours[i] = middle - start;
                reference[i] = System.nanoTime() - middle;
            }
        }
        report("tunebook BertModel (DJL PyTorch)", ours);
        report("ONNX Runtime", reference);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double best = sorted[0] / 1e6;
        System.out.printf(
                "%s, all-MiniLM-L6-v2, batch %d x %d, %d cores: median %.1f ms/batch"
                        + " (%.0f tokens/s), best %.1f ms (%.0f tokens/s)%n",
                what,
                BATCH,
                LENGTH,
                Runtime.getRuntime().availableProcessors(),
                median,
                BATCH * LENGTH / median * 1000,
                best,
                BATCH * LENGTH / best * 1000);
    }

    private static void run(BertModel model, long[] ids) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.create(ids, new Shape(BATCH, LENGTH));
            NDArray mask = scope.ones(new Shape(BATCH, LENGTH), DataType.INT64);
            model.embed(input, mask, Pooling.MEAN).toFloatArray();
        }
    }

    private static BertModel miniLm() throws IOException {
        Path onnx = Files.createTempFile("all-minilm-l6-v2", ".onnx");
        try (InputStream in =
                        MiniLmForwardBenchmark.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
                NDManager io = NDManager.newBaseManager()) {
            Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
            return (BertModel)
                    LanguageModel.fromWeights(OnnxBertImport.read(onnx, io), Device.cpu());
        } finally {
            Files.deleteIfExists(onnx);
        }
    }
}
