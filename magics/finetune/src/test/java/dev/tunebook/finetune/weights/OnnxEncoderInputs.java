package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real sentences tokenised for an encoder (right-padded ids and masks), and ONNX Runtime's
 * mean-pooled embeddings of them: the reference of {@link MavenEncoderParityTest}.
 */
record OnnxEncoderInputs(long[][] ids, long[][] masks, int width) {

    /**
     * Tokenises the first {@code count} Yelp sentences of the UCI data, each after {@code prefix}.
     */
    static OnnxEncoderInputs tokenize(Tokenizer tokenizer, String prefix, int count)
            throws IOException {
        Path data =
                Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                        .resolve("uci-sentiment/yelp.jsonl");
        List<String> lines = Files.readAllLines(data);
        assertTrue(lines.size() >= count, "need " + count + " sentences in " + data);
        ObjectMapper json = new ObjectMapper();
        long[][] ids = new long[count][];
        long[][] masks = new long[count][];
        int width = 0;
        for (int s = 0; s < count; s++) {
            String text = json.readTree(lines.get(s)).get("text").asText();
            ids[s] = tokenizer.encode(prefix + text).ids();
            masks[s] = new long[ids[s].length];
            java.util.Arrays.fill(masks[s], 1L);
            width = Math.max(width, ids[s].length);
        }
        return new OnnxEncoderInputs(ids, masks, width);
    }

    long[] flatIds() {
        return flat(ids);
    }

    long[] flatMask() {
        return flat(masks);
    }

    /**
     * Returns ONNX Runtime's last hidden state of {@code onnx}, mean-pooled, running each sentence
     * alone: a dynamically quantized graph takes its activation ranges from the whole batch,
     * padding included, so batching would make each sentence's reference depend on the others.
     */
    static float[][] onnxRuntimeMeanPooled(Path onnx, OnnxEncoderInputs in) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] pooled = new float[in.ids.length][];
        try (OrtSession session = env.createSession(onnx.toString())) {
            for (int s = 0; s < in.ids.length; s++) {
                pooled[s] = meanPooled(env, session, in.ids[s]);
            }
        }
        return pooled;
    }

    private static float[] meanPooled(OrtEnvironment env, OrtSession session, long[] row)
            throws Exception {
        long[] shape = {1, row.length};
        long[] ones = new long[row.length];
        java.util.Arrays.fill(ones, 1L);
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(row), shape);
                OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                OnnxTensor types =
                        OnnxTensor.createTensor(
                                env, LongBuffer.wrap(new long[row.length]), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", ids);
            inputs.put("attention_mask", mask);
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
                float[] pooled = new float[hidden[0].length];
                for (float[] token : hidden) {
                    for (int h = 0; h < pooled.length; h++) {
                        pooled[h] += token[h] / row.length;
                    }
                }
                return pooled;
            }
        }
    }

    /** Returns the cosine of {@code a} and the row of {@code b} that starts at {@code offset}. */
    static double cosine(float[] a, float[] b, int offset) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[offset + i];
            na += a[i] * a[i];
            nb += b[offset + i] * b[offset + i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private long[] flat(long[][] rows) {
        long[] out = new long[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * width, rows[r].length);
        }
        return out;
    }
}
