package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.source.MavenEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LoRA recipe trained on MiniLM re-run on e5-small-v2 from its record alone. */
class RerunTest {
    private static MavenEncoder encoder(String prefix) {
        return MavenEncoder.known().stream()
                .filter(e -> e.name().startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    private static TrainingRun train(LoadedModel model, TrainingConfig config, RunStore store)
            throws Exception {
        TrainingData data =
                TrainerFixtures.slice(
                        TrainingData.of(TrainerFixtures.amazon(), model.tokenizer(), null, 32),
                        16,
                        8,
                        8);
        return Trainer.builder()
                .setModel(model.model())
                .setData(data)
                .optConfig(config)
                .optRunStore(store)
                .optLiveDisplay(false)
                .optOutput(new PrintStream(new ByteArrayOutputStream()))
                .optModelName(model.displayName())
                .optModelSource(model.source())
                .build()
                .run();
    }

    @Test
    void aMiniLmLoraRecipeRerunsOnE5AndLinksToTheOriginal(@TempDir Path home) throws Exception {
        RunStore store = RunStore.at(home);
        try (LoadedModel minilm =
                LoadedModel.load(encoder("all-MiniLM").source(), "cpu", "float32", null)) {
            TrainingConfig recipe =
                    TrainingConfig.fromOptions(
                            Map.of(
                                    "method",
                                    "lora",
                                    "epochs",
                                    "1",
                                    "batch",
                                    "8",
                                    "lr",
                                    "1e-3",
                                    "rank",
                                    "4",
                                    "targets",
                                    "query,value",
                                    "max-length",
                                    "32",
                                    "seed",
                                    "11",
                                    "name",
                                    "minilm-lora"));
            assertEquals(RunStatus.COMPLETED, train(minilm, recipe, store).status());
        }
        RunRecord original = store.require("minilm-lora");
        try (LoadedModel e5 =
                LoadedModel.load(encoder("e5").source(), "cpu", "float32", DownloadProgress.NONE)) {
            TrainingConfig config =
                    Rerun.builder(original, e5.config().modelType(), "e5-lora", true)
                            .optLr(2e-3)
                            .build();
            TrainingRun rerun = train(e5, config, store);
            Rerun.link(store, rerun, original);
            assertEquals(RunStatus.COMPLETED, rerun.status(), rerun.message());
        }
        RunRecord stored = store.require("e5-lora");
        assertEquals(original.id(), stored.extra().get(Rerun.RERUN_OF));
        assertEquals("e5-small-v2-q", stored.model());
        assertEquals(encoder("e5").source(), stored.extra().get("base_model"));
        Map<String, Object> expected = new HashMap<>(original.hyperparameters());
        expected.put("lr", 2e-3);
        assertEquals(expected, new HashMap<>(stored.hyperparameters()));
        assertEquals(List.of("query", "value"), stored.hyperparameters().get("targets"));
    }

    @Test
    void aRecipeWhoseTargetsHaveNoCounterpartIsRefusedBeforeTraining() {
        RunRecord llama =
                RunRecord.builder(RunKind.FINETUNE, "llama-lora")
                        .optMethod("lora")
                        .putHyperparameter("targets", List.of("q_proj", "o_proj"))
                        .build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Rerun.config(llama, "bert", "bert-lora"));
        assertTrue(e.getMessage().contains("o_proj (attention output)"), e.getMessage());
        // naming the targets explicitly replaces the mapping
        assertEquals(
                List.of("query"),
                Rerun.builder(llama, "bert", "bert-lora", false)
                        .optTargets(List.of("query"))
                        .build()
                        .lora()
                        .targetModules());
    }

    @Test
    void onlyAFineTuneHasARecipe() {
        RunRecord baseline = RunRecord.of(RunKind.BASELINE, "zero-shot");
        assertThrows(IllegalArgumentException.class, () -> Rerun.config(baseline, "bert", "again"));
    }
}
