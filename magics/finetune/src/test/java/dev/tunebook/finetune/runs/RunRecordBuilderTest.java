package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordBuilderTest {
    @Test
    void aMissingKindOrNameIsNamed() {
        var noKind =
                assertThrows(
                        IllegalStateException.class,
                        () -> RunRecord.builder().setName("x").build());
        assertTrue(noKind.getMessage().contains("'kind'"), noKind.getMessage());
        var noName =
                assertThrows(
                        IllegalStateException.class,
                        () -> RunRecord.builder().setKind(RunKind.EVAL).build());
        assertTrue(noName.getMessage().contains("'name'"), noName.getMessage());
    }

    @Test
    void aRecordIsNotChangedByItsBuilderOrByWhatItWasBuiltFrom() {
        List<String> targets = new ArrayList<>(List.of("q_proj"));
        Map<String, Object> cost = new LinkedHashMap<>(Map.of("total_usd", 1.0));
        RunRecordBuilder b =
                RunRecord.builder(RunKind.FINETUNE, "lora")
                        .putHyperparameter("targets", targets)
                        .putMetric("test", "accuracy", 0.8)
                        .addStep(RunStep.ofLoss(1, 0.7))
                        .optCost(cost)
                        .putExtra("labels", targets);
        RunRecord run = b.build();
        targets.add("v_proj");
        cost.put("total_usd", 2.0);
        b.putMetric("test", "accuracy", 0.1).addStep(RunStep.ofLoss(2, 0.6)).setName("other");
        assertEquals(List.of("q_proj"), run.hyperparameters().get("targets"));
        assertEquals(List.of("q_proj"), run.extra().get("labels"));
        assertEquals(1.0, run.cost().get("total_usd"));
        assertEquals(0.8, run.metric("accuracy").orElseThrow());
        assertEquals(1, run.steps().size());
        assertEquals("lora", run.name());
    }

    @Test
    void returnedCollectionsCannotBeModified() {
        RunRecord run =
                RunRecord.builder(RunKind.FINETUNE, "lora")
                        .putHyperparameter("targets", new ArrayList<>(List.of("q_proj")))
                        .putHyperparameter("nested", new LinkedHashMap<>(Map.of("a", 1)))
                        .putMetric("test", "accuracy", 0.8)
                        .addStep(RunStep.ofLoss(1, 0.7))
                        .optCost(new LinkedHashMap<>(Map.of("total_usd", 1.0)))
                        .putExtra("checkpoints", "/tmp/ck")
                        .build();
        Class<UnsupportedOperationException> refused = UnsupportedOperationException.class;
        assertThrows(refused, () -> run.hyperparameters().put("lr", 1.0));
        assertThrows(refused, () -> ((List<?>) run.hyperparameters().get("targets")).clear());
        assertThrows(refused, () -> ((Map<?, ?>) run.hyperparameters().get("nested")).remove("a"));
        assertThrows(refused, () -> run.metrics().clear());
        assertThrows(refused, () -> run.metrics().get("test").put("f1", 0.5));
        assertThrows(refused, () -> run.steps().add(RunStep.ofLoss(2, 0.5)));
        assertThrows(refused, () -> run.cost().clear());
        assertThrows(refused, () -> run.extra().remove("checkpoints"));
    }

    @Test
    void withMethodsChangeOneFieldOfACopy() {
        RunRecord run =
                RunRecord.builder(RunKind.EVAL, "eval")
                        .optStartedAt(Instant.parse("2026-11-26T06:00:00Z"))
                        .putHyperparameter("query_column", null)
                        .build();
        RunRecord done = run.withStatus(RunStatus.COMPLETED).withExtra("evaluates", "x");
        assertNull(run.status());
        assertTrue(run.extra().isEmpty());
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals("x", done.extra().get("evaluates"));
        assertEquals(run.startedAt(), done.startedAt());
        assertTrue(done.hyperparameters().containsKey("query_column"), "null values are kept");
    }

    @Test
    void theStoreRoundTripsABuiltRecord(@TempDir Path home) {
        RunStore store = RunStore.at(home);
        RunRecord created =
                store.create(
                        RunRecord.builder(RunKind.BASELINE, "zero-shot")
                                .putHyperparameter("shots", 0)
                                .build());
        RunRecord back = store.require(created.id());
        assertEquals(
                RunJson.MAPPER.valueToTree(RunJsonForm.of(created)),
                RunJson.MAPPER.valueToTree(RunJsonForm.of(back)));
        assertEquals(RunStatus.RUNNING, back.status());
    }
}
