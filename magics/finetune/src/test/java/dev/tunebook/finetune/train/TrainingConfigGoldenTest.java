package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored forms of a config are those the map-based {@code TrainingConfig} wrote before the
 * typed one: {@code training-config-golden.json} was written by that code (checkpoint options, the
 * hyperparameters of a saved run record, and the options {@link Rerun} made of that record).
 */
class TrainingConfigGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {};

    static JsonNode golden() throws IOException {
        try (InputStream in =
                TrainingConfigGoldenTest.class.getResourceAsStream("training-config-golden.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void checkpointOptionsRunRecordsAndRerunsStoreWhatTheyStoredBefore(@TempDir Path home)
            throws IOException {
        RunStore store = RunStore.at(home);
        JsonNode cases = golden();
        assertEquals(4, cases.size());
        for (JsonNode c : cases) {
            String name = c.get("case").asText();
            Map<String, String> options = JSON.convertValue(c.get("config"), OPTIONS);
            TrainingConfig config = TrainingConfig.fromOptions(options);
            assertEquals(options, config.toOptions(), name);
            RunRecord record =
                    store.create(
                            RunRecord.builder(RunKind.FINETUNE, name)
                                    .optMethod(config.method().id())
                                    .putHyperparameters(config.toHyperparameters())
                                    .build());
            JsonNode saved = JSON.readTree(store.fileOf(record.id()).toFile());
            assertEquals(c.get("hyperparameters"), saved.get("hyperparameters"), name);
            assertEquals(
                    c.get("hyperparameters").toString(),
                    saved.get("hyperparameters").toString(),
                    name);
            assertEquals(
                    JSON.convertValue(c.get("rerun"), OPTIONS),
                    Rerun.config(store.require(record.id()), "llama", "again").toOptions(),
                    name);
        }
    }

    @Test
    void aRunRecordedBeforeTheTypedConfigRerunsWithItsRecipe(@TempDir Path home)
            throws IOException {
        RunStore store = RunStore.at(home);
        JsonNode everything = golden().get(1);
        RunRecord old =
                store.create(
                        RunRecord.builder(RunKind.FINETUNE, "old")
                                .optMethod("lora")
                                .putHyperparameters(
                                        JSON.convertValue(
                                                everything.get("hyperparameters"),
                                                new TypeReference<Map<String, Object>>() {}))
                                .build());
        TrainingConfig again = Rerun.config(store.require(old.id()), "llama", "again");
        assertEquals(JSON.convertValue(everything.get("rerun"), OPTIONS), again.toOptions());
        assertEquals(
                everything.get("hyperparameters").toString(),
                JSON.writeValueAsString(again.toHyperparameters()));
    }
}
