package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * all-MiniLM-L6-v2 imported from its ONNX file and run as a {@link BertModel} gives the same
 * mean-pooled embeddings as ONNX Runtime on the same file, for 50 dataset sentences.
 */
class MiniLmOnnxParityTest {
    private static final int SENTENCES = 50;
    @TempDir Path dir;

    @Test
    void embeddingsMatchOnnxRuntime() throws Exception {
        Path onnx = resource("all-minilm-l6-v2.onnx");
        long[][] ids = new long[SENTENCES][];
        long[][] masks = new long[SENTENCES][];
        int width = tokenize(resource("all-minilm-l6-v2-tokenizer.json"), ids, masks);
        float[][] reference = onnxRuntime(onnx, ids, masks, width);
        try (NDManager io = NDManager.newBaseManager();
                BertModel model =
                        (BertModel)
                                LanguageModel.fromWeights(
                                        OnnxBertImport.read(onnx, io), Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            Shape shape = new Shape(SENTENCES, width);
            float[] ours =
                    model.embed(
                                    scope.create(flat(ids, width), shape),
                                    scope.create(flat(masks, width), shape),
                                    Pooling.MEAN)
                            .toFloatArray();
            int hidden = ours.length / SENTENCES;
            assertEquals(384, hidden);
            for (int s = 0; s < SENTENCES; s++) {
                double cosine = cosine(reference[s], ours, s * hidden);
                assertTrue(cosine >= 0.9999, "sentence " + s + ": cosine " + cosine);
            }
        }
    }

    @Test
    void anOnnxFolderLoadsAndSavesAsATransformersFolder() throws Exception {
        Path folder = dir.resolve("minilm");
        Files.createDirectories(folder);
        Files.move(resource("all-minilm-l6-v2.onnx"), folder.resolve("model.onnx"));
        Path saved = dir.resolve("saved");
        float[] before;
        try (LanguageModel model = LanguageModel.load(folder, Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            before = ((BertModel) model).embed(sample(scope), null, Pooling.MEAN).toFloatArray();
            model.save(saved);
        }
        try (SafetensorsFile file = SafetensorsFile.open(saved.resolve("model.safetensors"))) {
            assertTrue(file.tensors().containsKey("encoder.layer.5.output.dense.weight"));
        }
        try (LanguageModel model = LanguageModel.load(saved, Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            float[] after =
                    ((BertModel) model).embed(sample(scope), null, Pooling.MEAN).toFloatArray();
            assertArrayEquals(before, after, 0f);
        }
    }

    private static ai.djl.ndarray.NDArray sample(NDManager scope) {
        return scope.create(new long[] {101, 7592, 2088, 102}, new Shape(1, 4));
    }

    private int tokenize(Path tokenizerJson, long[][] ids, long[][] masks) throws IOException {
        Path data =
                Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                        .resolve("uci-sentiment/yelp.jsonl");
        List<String> lines = Files.readAllLines(data);
        assertTrue(lines.size() >= SENTENCES, "need " + SENTENCES + " sentences in " + data);
        ObjectMapper json = new ObjectMapper();
        int width = 0;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson)) {
            for (int s = 0; s < SENTENCES; s++) {
                Encoding encoding =
                        tokenizer.encode(json.readTree(lines.get(s)).get("text").asText());
                ids[s] = encoding.getIds();
                masks[s] = encoding.getAttentionMask();
                width = Math.max(width, ids[s].length);
            }
        }
        return width;
    }

    private static float[][] onnxRuntime(Path onnx, long[][] ids, long[][] masks, int width)
            throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {ids.length, width};
        try (OrtSession session = env.createSession(onnx.toString());
                OnnxTensor input =
                        OnnxTensor.createTensor(env, LongBuffer.wrap(flat(ids, width)), shape);
                OnnxTensor mask =
                        OnnxTensor.createTensor(env, LongBuffer.wrap(flat(masks, width)), shape);
                OnnxTensor types =
                        OnnxTensor.createTensor(
                                env, LongBuffer.wrap(new long[ids.length * width]), shape);
                OrtSession.Result result =
                        session.run(
                                Map.of(
                                        "input_ids",
                                        input,
                                        "attention_mask",
                                        mask,
                                        "token_type_ids",
                                        types))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            float[][] pooled = new float[ids.length][hidden[0][0].length];
            for (int s = 0; s < ids.length; s++) {
                for (int t = 0; t < masks[s].length; t++) {
                    for (int h = 0; h < pooled[s].length; h++) {
                        pooled[s][h] += hidden[s][t][h] / masks[s].length;
                    }
                }
            }
            return pooled;
        }
    }

    private static long[] flat(long[][] rows, int width) {
        long[] out = new long[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * width, rows[r].length);
        }
        return out;
    }

    private static double cosine(float[] a, float[] b, int offset) {
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

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " not on the test classpath (langchain4j MiniLM jar)");
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }
}
