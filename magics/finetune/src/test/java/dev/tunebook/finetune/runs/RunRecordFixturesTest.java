package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files under {@code src/test/resources/runs} were written by the mutable {@code RunRecord}
 * that this immutable one replaced: reading one and writing it back gives the same bytes, so the
 * schema (version 1) is unchanged.
 */
class RunRecordFixturesTest {
    @TempDir Path home;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RunRecordFixturesTest.class.getResourceAsStream("/runs/" + name)) {
            if (in == null) {
                throw new IOException("no test resource /runs/" + name);
            }
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "finetune-rich.json",
                "eval-linked.json",
                "baseline-running.json",
                "legacy-model-source.json"
            })
    void aStoredFileIsWrittenBackByteForByte(String name) throws IOException {
        byte[] stored = fixture(name);
        assertArrayEquals(stored, RunJson.write(RunJson.read(stored)), name);
        RunRecord run = RunJson.read(stored);
        assertArrayEquals(stored, RunJson.write(run.toBuilder().build()), "toBuilder keeps all");
    }

    @Test
    void theStoreSavesAFileItReadsUnchanged() throws IOException {
        RunStore store = RunStore.at(home);
        Files.createDirectories(store.directory());
        byte[] stored = fixture("finetune-rich.json");
        Path file = store.fileOf("20261126-061500-ab12");
        Files.write(file, stored);
        RunRecord run = store.update("lora-r8", r -> r);
        assertArrayEquals(stored, Files.readAllBytes(file));
        assertEquals("20261125-101010-0f0f", run.extra().get("rerun_of"));
    }

    @Test
    void anOldHandWrittenFileReadsAsBeforeTheChange() throws IOException {
        RunRecord run = RunJson.read(fixture("legacy-handwritten.json"));
        assertArrayEquals(fixture("legacy-handwritten.rewritten.json"), RunJson.write(run));
        assertEquals(RunKind.FINETUNE, run.kind());
        assertEquals(RunStatus.COMPLETED, run.status());
        assertTrue(run.steps().isEmpty() && run.metrics().isEmpty());
        assertEquals("hf:distilbert-base-uncased", run.extra().get("model_source"));
        assertEquals(1000L, run.trainTokens());
        assertEquals(5.0, run.inference().latencyMsP50());
    }

    @Test
    void everyPartOfTheRichRecordIsRead() throws IOException {
        RunRecord run = RunJson.read(fixture("finetune-rich.json"));
        assertEquals(new RunSize(245_760L, 73_728L, 22_786_944L), run.size());
        assertEquals(90.0, run.timing().trainSeconds());
        assertEquals("2026-11-26T06:16:30.123456789Z", run.endedAt().toString());
        assertEquals(0.81, run.metric("accuracy").orElseThrow());
        assertEquals(List.of("query", "value"), run.hyperparameters().get("targets"));
        assertEquals(Map.of("warmup", 0.1), run.hyperparameters().get("schedule"));
        assertEquals(294_912L, run.inference().unmerged().modelBytes());
        assertEquals(true, run.cost().get("estimated"));
        assertEquals(3, run.steps().size());
        assertEquals(
                List.of(
                        "checkpoints",
                        "base_model",
                        "tokenizer",
                        "text_prefix",
                        "labels",
                        "task",
                        "eval_seconds",
                        "prompt_format_mismatch",
                        "rerun_of"),
                List.copyOf(run.extra().keySet()));
    }
}
