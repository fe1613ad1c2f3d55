package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.lora.LoraConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TrainingConfigTest {
    @Test
    void defaultsAreTransformersOnesWithWeightDecay() {
        TrainingConfig config = TrainingConfig.builder().build();
        assertEquals(TrainingMethod.FULL, config.method());
        assertEquals(3, config.epochs());
        assertEquals(
                new OptimizerSettings(5e-5, 0.01, ScheduleKind.LINEAR, 0, 1.0), config.optimizer());
        assertEquals(new BatchSettings(16, 1, 128), config.batching());
        assertEquals(new EvaluationSettings(0, 0), config.evaluation());
        assertEquals(8, config.lora().rank());
        assertEquals(16.0, config.lora().alpha());
        assertEquals(0.0, config.lora().dropout());
        assertEquals(List.of(), config.lora().targetModules());
        assertEquals(42L, config.seed());
        assertEquals("auto", config.device());
        assertEquals(0, config.freezeLayers());
        assertNull(config.name());
        assertNull(config.resume());
    }

    @Test
    void theBuilderSetsEachGroupAndNormalises() {
        TrainingConfig config =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.LORA)
                        .optLr(5e-4)
                        .optTargets(List.of("query", "value"))
                        .optMaxLength(64)
                        .optAccumulate(2)
                        .optEarlyStop(3)
                        .optDevice("GPU:0, gpu:1")
                        .optName("  lora r8 ")
                        .build();
        assertEquals(5e-4, config.optimizer().lr());
        assertEquals(List.of("query", "value"), config.lora().targetModules());
        assertEquals(new BatchSettings(16, 2, 64), config.batching());
        assertEquals(3, config.evaluation().earlyStop());
        assertEquals("gpu:0,gpu:1", config.device());
        assertEquals("lora r8", config.name());
        TrainingConfig grouped =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.LORA)
                        .optOptimizer(OptimizerSettings.builder().optLr(5e-4).build())
                        .optLora(
                                LoraConfig.builder()
                                        .setRank(8)
                                        .optAlpha(16)
                                        .setTargetModules(List.of("query", "value"))
                                        .build())
                        .optBatching(
                                BatchSettings.builder().optMaxLength(64).optAccumulate(2).build())
                        .optEvaluation(EvaluationSettings.builder().optEarlyStop(3).build())
                        .optDevice("gpu:0,gpu:1")
                        .optName("lora r8")
                        .build();
        assertEquals(config, grouped);
        assertEquals(config.toOptions(), grouped.toOptions());
    }

    @Test
    void optionsRoundTrip() {
        TrainingConfig config =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.HEAD)
                        .optSchedule(ScheduleKind.COSINE)
                        .optSeed(9)
                        .optTargets(List.of("q_proj"))
                        .optResume("r1")
                        .build();
        TrainingConfig back = TrainingConfig.fromOptions(config.toOptions());
        assertEquals(config.toOptions(), back.toOptions());
        assertEquals(config, back);
        assertEquals(9L, back.seed());
        assertEquals("head", back.toHyperparameters().get("method"));
        assertEquals("cosine", back.toHyperparameters().get("schedule"));
    }

    @Test
    void eachBadValueNamesItsFieldAndWhatIsAllowed() {
        TrainingConfig.Builder b = TrainingConfig.builder();
        assertMessage("epochs: must be > 0, was 0", () -> b.optEpochs(0));
        assertMessage("lr: must be a positive number, was -1.0", () -> b.optLr(-1));
        assertMessage("lr: must be a positive number, was Infinity", () -> b.optLr(1 / 0.0));
        assertMessage("weight-decay: must be >= 0, was -0.1", () -> b.optWeightDecay(-0.1));
        assertMessage("warmup: must be a fraction in [0, 1], was 2.0", () -> b.optWarmup(2));
        assertMessage("clip: must be >= 0, was NaN", () -> b.optClip(Double.NaN));
        assertMessage("batch: must be > 0, was 0", () -> b.optBatch(0));
        assertMessage("accumulate: must be > 0, was -1", () -> b.optAccumulate(-1));
        assertMessage("max-length: must be > 0, was 0", () -> b.optMaxLength(0));
        assertMessage("rank: must be > 0, was 0", () -> b.optRank(0));
        assertMessage("alpha: must be > 0, was 0.0", () -> b.optAlpha(0));
        assertMessage("dropout: must be in [0, 1), was 1.0", () -> b.optDropout(1));
        assertMessage("targets: empty module name in [q, ]", () -> b.optTargets(List.of("q", "")));
        assertMessage("eval-every: must be >= 0, was -1", () -> b.optEvalEvery(-1));
        assertMessage("early-stop: must be >= 0, was -2", () -> b.optEarlyStop(-2));
        assertMessage(
                "device: unknown device 'tpu': expected auto, cpu, gpu, gpu:N or a comma list of"
                        + " them",
                () -> b.optDevice("tpu"));
        assertMessage("freeze-layers: must be >= 0, was -1", () -> b.optFreezeLayers(-1));
        assertMessage("name: must not be blank", () -> b.optName(" "));
        assertMessage("resume: must not be blank", () -> b.optResume(null));
        assertMessage(
                "schedule: unknown schedule 'step': expected constant, linear or cosine",
                () -> ScheduleKind.parse("step"));
        assertMessage(
                "method: unknown method 'big': expected full, lora or head",
                () -> TrainingMethod.parse("big"));
        assertMessage(
                "targets: a pattern (.*q) cannot be trained from a TrainingConfig; expected module"
                        + " names",
                () -> b.optLora(LoraConfig.builder().setRank(2).setTargetPattern(".*q").build()));
        // the records check themselves, whoever builds them
        assertMessage(
                "lr: must be a positive number, was 0.0",
                () -> new OptimizerSettings(0, 0, ScheduleKind.LINEAR, 0, 0));
        assertMessage("max-length: must be > 0, was 0", () -> new BatchSettings(1, 1, 0));
        assertMessage("early-stop: must be >= 0, was -1", () -> new EvaluationSettings(0, -1));
        assertMessage("schedule: must be set", () -> OptimizerSettings.builder().optSchedule(null));
        // a failed setter leaves the builder as it was
        assertEquals(TrainingConfig.builder().build(), b.build());
    }

    @Test
    void storedOptionsThatAreBadNameTheirField() {
        assertStored("lr: 'x' is not a number", Map.of("lr", "x"));
        assertStored("epochs: 'x' is not an integer", Map.of("epochs", "x"));
        assertStored("seed: '1.5' is not an integer", Map.of("seed", "1.5"));
        assertStored("warmup: must be a fraction in [0, 1], was 2.0", Map.of("warmup", "2"));
        assertStored(
                "colour: unknown option; expected one of method, epochs, lr, batch, accumulate,"
                        + " max-length, rank, alpha, dropout, targets, schedule, warmup, clip,"
                        + " eval-every, early-stop, seed, device, freeze-layers, weight-decay,"
                        + " name, resume",
                Map.of("colour", "red"));
    }

    private static void assertStored(String message, Map<String, String> options) {
        assertMessage(message, () -> TrainingConfig.fromOptions(options));
    }

    private static void assertMessage(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void weightDecaySkipsBiasesAndNorms() {
        assertTrue(WeightDecayPolicy.decays("bert.encoder.layer.0.attention.self.query.weight"));
        assertTrue(WeightDecayPolicy.decays("classifier.weight"));
        assertTrue(WeightDecayPolicy.decays("model.layers.0.mlp.down_proj.lora_A.weight"));
        for (String name :
                List.of(
                        "classifier.bias",
                        "bert.encoder.layer.0.output.LayerNorm.weight",
                        "bert.embeddings.LayerNorm.weight",
                        "transformer.h.0.ln_1.weight",
                        "transformer.ln_f.weight",
                        "model.layers.0.input_layernorm.weight",
                        "model.layers.0.post_attention_layernorm.weight",
                        "model.norm.weight")) {
            assertTrue(!WeightDecayPolicy.decays(name), name);
        }
    }
}
