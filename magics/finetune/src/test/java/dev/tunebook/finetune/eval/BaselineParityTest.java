package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoder baselines of all-MiniLM-L6-v2 (the real weights, on the DJL PyTorch engine) land within
 * tolerance of the reference stack's accuracies. Every case of every JSON file under {@code
 * baselines/} on the test classpath is checked, so a new reference needs no new code; each case is
 * recorded as a {@code baseline} run, whose stored metrics must equal the measured ones.
 */
class BaselineParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    private static MiniLm miniLm;

    @BeforeAll
    static void loadModel() throws Exception {
        miniLm = MiniLm.load(dir.resolve("minilm"));
    }

    @AfterAll
    static void closeModel() {
        miniLm.close();
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : referenceFiles()) {
            JsonNode reference = JSON.readTree(file.toFile());
            Dataset dataset = dataset(reference);
            for (JsonNode c : reference.get("cases")) {
                tests.add(
                        DynamicTest.dynamicTest(
                                file.getFileName() + ": " + c.get("name").asText(),
                                () -> check(reference, c, dataset)));
            }
        }
        assertFalse(tests.isEmpty(), "no reference cases under baselines/");
        return tests.stream();
    }

    private static void check(JsonNode reference, JsonNode c, Dataset dataset) {
        String split = reference.get("split").asText();
        RunStore store = RunStore.at(dir.resolve("home"));
        List<Double> accuracies = new ArrayList<>();
        for (JsonNode seed : c.get("seeds")) {
            BaselineSettings settings =
                    BaselineSettings.builder()
                            .optShots(c.get("shots").asInt())
                            .optSeed(seed.asLong())
                            .optLabelTexts(strings(c.get("label_texts")))
                            .optPooling(
                                    Pooling.valueOf(
                                            c.path("pooling")
                                                    .asText("mean")
                                                    .toUpperCase(Locale.ROOT)))
                            .optSplits(List.of(split))
                            .build();
            EvaluationRun run =
                    Baselines.run(
                            miniLm.model,
                            miniLm.tokenizer,
                            dataset,
                            settings,
                            store,
                            reference.get("model").asText());
            accuracies.add(checkRecorded(store, run, split));
        }
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double expected = c.get("accuracy").asDouble();
        System.out.printf(
                Locale.ROOT,
                "%s: accuracies %s, mean %.4f (reference %.3f)%n",
                c.get("name").asText(),
                accuracies,
                mean,
                expected);
        assertEquals(expected, mean, c.get("tolerance").asDouble(), c.get("name").asText());
    }

    private static double checkRecorded(RunStore store, EvaluationRun run, String split) {
        RunRecord stored = store.require(run.run().id());
        assertEquals(RunKind.BASELINE, stored.kind());
        assertEquals(RunStatus.COMPLETED, stored.status());
        assertTrue(stored.inference().latencyMsP50() > 0, "inference figures recorded");
        assertEquals(300, run.evaluations().get(split).predictions().rows().size());
        double accuracy = run.accuracy(split);
        assertEquals(accuracy, stored.metrics().get(split).get("accuracy"), 0.0);
        return accuracy;
    }

    private static Dataset dataset(JsonNode reference) throws Exception {
        Path root = Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"));
        Path data = root.resolve(reference.get("dataset").asText());
        assertTrue(Files.isDirectory(data), "dataset folder missing: " + data.toAbsolutePath());
        return DatasetLoader.builder()
                .setSource(data)
                .optSplitFile(root.resolve(reference.get("split_file").asText()))
                .build()
                .load();
    }

    private static List<Path> referenceFiles() throws URISyntaxException, java.io.IOException {
        URL url = BaselineParityTest.class.getClassLoader().getResource("baselines");
        assertNotNull(url, "baselines/ reference folder missing from the test resources");
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
