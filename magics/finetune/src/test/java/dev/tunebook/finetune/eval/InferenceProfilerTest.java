package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inference profiles of the fixture models on the real engine: one latency per example, sizes of
 * the saved weights and adapter, both LoRA forms, and the figures written into a run. Times are
 * only checked to be positive; their values belong to benchmarks.
 */
class InferenceProfilerTest {
    private static final List<String> TEXTS =
            List.of("great food !", "terrible service .", "i love this movie", "it was bad");
    @TempDir Path dir;

    @Test
    void profilesAModelAndRecordsTheFiguresInItsRun() throws Exception {
        try (Tokenizer tokenizer = WordTokenizer.write(dir.resolve("tok"));
                LanguageModel model =
                        LanguageModel.load(TestModels.fixtures("models/tiny-gpt2"), Device.cpu())) {
            long bytes = ModelSize.weights(model);
            InferenceProfile profile =
                    new InferenceProfiler(1, 2).profile(model, tokenizer, TEXTS, bytes);
            assertEquals(TEXTS.size(), profile.latenciesMs().length);
            assertTrue(profile.latencyMsP95() >= profile.latencyMsP50());
            assertTrue(profile.throughputPerSecond() > 0);
            double tokens =
                    TEXTS.stream()
                            .mapToInt(t -> tokenizer.encode(t).size())
                            .average()
                            .orElseThrow();
            assertEquals(tokens, profile.tokensPerExample(), 1e-9);
            model.save(dir.resolve("saved"));
            assertEquals(Files.size(dir.resolve("saved/model.safetensors")), bytes);

            RunStore store = RunStore.at(dir.resolve("home"));
            RunRecord run = store.create(RunRecord.of(RunKind.BASELINE, "zero-shot"));
            InferenceProfiler.record(store, run.id(), profile.figures());
            InferenceFigures stored = store.require(run.id()).inference();
            assertEquals(profile.latencyMsP50(), stored.latencyMsP50(), 0.0);
            assertEquals(bytes, stored.modelBytes());
            // the process's CPU time per example, with the cores it spreads over, is recorded
            assertTrue(stored.cpuMsPerExample() > 0, String.valueOf(stored));
            assertEquals(Runtime.getRuntime().availableProcessors(), stored.cpuCores());
        }
    }

    @Test
    void cpuTimeIsEachExamplesCheapestPassAveraged() throws Exception {
        // a CPU clock read around each pass: 4 examples x 3 rounds, example i's passes cost
        // (i + 1) ms plus a burst of 5 ms in one round each; their cheapest: 1, 2, 3 and 4 ms
        long[] now = {0};
        int[] reads = {0};
        InferenceProfiler profiler =
                new InferenceProfiler(
                        1,
                        2,
                        3,
                        System::nanoTime,
                        () -> {
                            int read = reads[0]++;
                            if (read % 2 == 1) { // the end of pass read / 2
                                int pass = read / 2;
                                int example = pass % 4;
                                int round = pass / 4;
                                now[0] +=
                                        (example + 1 + (round == example % 3 ? 5 : 0)) * 1_000_000L;
                            }
                            return now[0];
                        });
        try (Tokenizer tokenizer = WordTokenizer.write(dir.resolve("tok"));
                LanguageModel model =
                        LanguageModel.load(TestModels.fixtures("models/tiny-gpt2"), Device.cpu())) {
            int threads = EngineThreads.get();
            InferenceFigures figures = profiler.profile(model, tokenizer, TEXTS, 1).figures();
            assertEquals(3, InferenceProfiler.PRICED_ROUNDS);
            assertEquals(4, TEXTS.size());
            assertEquals((1 + 2 + 3 + 4) / 4.0, figures.cpuMsPerExample(), 1e-12);
            // priced on one engine thread, and the engine's threads given back
            assertEquals(threads, EngineThreads.get());
            assertEquals(
                    figures.cpuMsPerExample() / 1000 / figures.cpuCores(),
                    figures.machineSecondsPerExample(),
                    1e-15);
        }
    }

    @Test
    void loraIsProfiledMergedAndUnmergedAndLeftUnmerged() throws Exception {
        Path adapter = TestModels.fixtures("adapters/tiny-llama-lora");
        try (Tokenizer tokenizer = WordTokenizer.write(dir.resolve("tok"));
                LanguageModel base =
                        LanguageModel.load(
                                TestModels.fixtures("models/tiny-llama"), Device.cpu())) {
            LoraModel lora = LoraModel.load(base, adapter);
            float before = logitSum(base, tokenizer);
            InferenceFigures figures = new InferenceProfiler(1, 4).profile(lora, tokenizer, TEXTS);
            assertNotNull(figures.merged());
            assertNotNull(figures.unmerged());
            assertEquals(ModelSize.adapter(lora), figures.unmerged().modelBytes());
            assertTrue(figures.merged().modelBytes() > figures.unmerged().modelBytes());
            assertEquals(figures.merged().latencyMsP50(), figures.latencyMsP50());
            assertEquals(before, logitSum(base, tokenizer), 1e-3f);
        }
    }

    @Test
    void noTextsIsAnError() throws Exception {
        try (Tokenizer tokenizer = WordTokenizer.write(dir.resolve("tok"));
                LanguageModel model =
                        LanguageModel.load(TestModels.fixtures("models/tiny-gpt2"), Device.cpu())) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new InferenceProfiler().profile(model, tokenizer, List.of(), 1));
        }
    }

    private static float logitSum(LanguageModel model, Tokenizer tokenizer) {
        try (var scope = model.manager().newSubManager()) {
            long[] ids = tokenizer.encode("great food !").ids();
            var input = scope.create(ids, new ai.djl.ndarray.types.Shape(1, ids.length));
            var out = model.forward(input, null);
            out.attach(scope);
            return out.sum().getFloat();
        }
    }
}
