package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.UciSentiment;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A baseline's name and the tokens an encoder reads: recorded only when set (so earlier run files
 * keep their fields), read back from a run, and checked against the model's positions.
 */
class BaselineSettingsTest {
    @TempDir Path dir;

    @Test
    void nameAndMaxLengthAreRecordedOnlyWhenSet() {
        BaselineSettings plain = BaselineSettings.builder().build();
        assertEquals("zero-shot", plain.runName());
        assertEquals(BaselineSettings.ENCODER_MAX_LENGTH, plain.maxLength());
        assertFalse(plain.hyperparameters().containsKey("max_length"));

        BaselineSettings set =
                BaselineSettings.builder().optShots(4).optName(" sst ").optMaxLength(64).build();
        assertEquals("sst", set.runName());
        assertEquals(64, set.hyperparameters().get("max_length"));

        RunRecord run =
                RunRecord.builder(RunKind.BASELINE, set.runName())
                        .putHyperparameters(set.hyperparameters())
                        .build();
        BaselineSettings again = BaselineSettings.fromRun(run).build();
        assertEquals(64, again.maxLength());
        assertTrue(again.maxLengthSet());
        assertEquals(4, again.shots());
    }

    @Test
    void badValuesNameTheSetting() {
        var b = BaselineSettings.builder();
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> b.optMaxLength(1))
                        .getMessage()
                        .contains("max length must be >= 2"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> b.optName("  "))
                        .getMessage()
                        .contains("run name"));
    }

    @Test
    void anEncoderReadsAtMostItsPositions() throws Exception {
        Dataset dataset = UciSentiment.load("splits-quick.json");
        try (MiniLm m = MiniLm.load(dir.resolve("minilm"))) {
            RunStore store = RunStore.at(dir.resolve("runs"));
            BaselineSettings tooLong = BaselineSettings.builder().optMaxLength(4096).build();
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Baselines.run(
                                            m.model, m.tokenizer, dataset, tooLong, store, "m"));
            assertTrue(e.getMessage().contains("--max-length 4096"), e.getMessage());
            assertTrue(e.getMessage().contains("512 positions"), e.getMessage());
            assertEquals(List.of(), store.list().runs(), "nothing recorded");

            BaselineSettings shortTexts =
                    BaselineSettings.builder()
                            .optMaxLength(8)
                            .optName("short")
                            .optProfiledExamples(0)
                            .build();
            Baselines.run(m.model, m.tokenizer, dataset, shortTexts, store, "m");
            assertEquals(8, store.require("short").hyperparameters().get("max_length"));
        }
    }
}
