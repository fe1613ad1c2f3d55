package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {
    @Test
    void argsAndBodyLinesAreParsedAndArgsWin() {
        Map<String, String> options =
                TrainingOptions.parse(
                        "--method lora --lr 5e-4 --targets query,value --max-length=64",
                        "# LoRA run\nepochs: 4\nbatch_size: 8\nbatch: 16\nwarmup: 0.1\nlr: 1e-3\n"
                                + "name: \"lora r8\"\nfreezeLayers: 2\n");
        TrainingConfig config = TrainingConfig.fromOptions(options);
        assertEquals(TrainingMethod.LORA, config.method());
        assertEquals(5e-4, config.lr());
        assertEquals(List.of("query", "value"), config.targets());
        assertEquals(64, config.maxLength());
        assertEquals(4, config.epochs());
        assertEquals(16, config.batch());
        assertEquals(0.1, config.warmup());
        assertEquals("lora r8", config.name());
        assertEquals(2, config.freezeLayers());
        assertEquals(0.01, config.weightDecay());
    }

    @Test
    void optionsRoundTrip() {
        TrainingConfig config =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.HEAD)
                        .optSchedule("cosine")
                        .optSeed(9)
                        .optTargets(List.of("q_proj"))
                        .optResume("r1")
                        .build();
        TrainingConfig back = TrainingConfig.fromOptions(config.toOptions());
        assertEquals(config.toOptions(), back.toOptions());
        assertEquals(9L, back.seed());
        assertEquals("head", back.toHyperparameters().get("method"));
    }

    @Test
    void errorsNameTheField() {
        assertMessage("lr: must be a positive number", Map.of("lr", "-1"));
        assertMessage("epochs: 'x' is not an integer", Map.of("epochs", "x"));
        assertMessage("method: unknown method 'big'", Map.of("method", "big"));
        assertMessage("schedule: unknown schedule 'step'", Map.of("schedule", "step"));
        assertMessage("warmup: must be a fraction", Map.of("warmup", "2"));
        assertMessage("dropout: must be in [0, 1)", Map.of("dropout", "1"));
        assertMessage("device: unknown device 'tpu'", Map.of("device", "tpu"));
        assertMessage("colour: unknown option", Map.of("colour", "red"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingOptions.parse(null, "epochs: 2\nnot an option\n"));
        assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--lr", null));
        assertEquals("--lr: needs a value", e.getMessage());
    }

    private static void assertMessage(String start, Map<String, String> options) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> TrainingConfig.fromOptions(options));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
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
