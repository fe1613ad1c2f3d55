package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    @TempDir Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T06:15:00Z"));

    private RunStore store() {
        return RunStore.at(home).withClock(clock);
    }

    static RunRecord finetune(String name) {
        RunRecord r =
                RunRecord.builder(RunKind.FINETUNE, name)
                        .optModel("all-MiniLM-L6-v2")
                        .optMethod("lora")
                        .optDataset("uci-sentiment")
                        .optSplit("train")
                        .optDevice("cpu")
                        .optTrainableParams(73_728L)
                        .optTotalParams(22_713_216L)
                        .optInference(InferenceFigures.of(4.2, 6.1, 180.0, 90_000_000L))
                        .putHyperparameter("lr", 2e-4)
                        .putHyperparameter("epochs", 3)
                        .build();
        return r;
    }

    @Test
    void createAssignsIdStatusAndStartAndWritesFile() {
        RunRecord run = store().create(finetune("lora-r8"));
        assertTrue(run.id().startsWith("20261126-061500-"), run.id());
        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals(Instant.parse("2026-11-26T06:15:00Z"), run.startedAt());
        assertTrue(Files.isRegularFile(home.resolve("runs").resolve(run.id() + ".json")));
    }

    @Test
    void recordRoundTripsEveryField() throws Exception {
        RunRecord run =
                store().create(
                                finetune("lora-r8").toBuilder()
                                        .addStep(
                                                new RunStep(
                                                        1,
                                                        0.1,
                                                        0.69,
                                                        2e-4,
                                                        Map.of("val_accuracy", 0.6),
                                                        16L,
                                                        1.5))
                                        .putMetric("test", "accuracy", 0.81)
                                        .optTrainSeconds(12.5)
                                        .optTrainTokens(4096L)
                                        .optCost(Map.of("usd", 0.01))
                                        .build());
        RunRecord back = store().require(run.id());
        assertEquals(
                RunJson.MAPPER.readTree(RunJson.write(run)),
                RunJson.MAPPER.readTree(RunJson.write(back)));
        assertEquals(0.81, back.metric("accuracy").orElseThrow());
        assertEquals(0.6, back.steps().get(0).value("val_accuracy"));
        assertEquals(16.0, back.steps().get(0).value("examples_seen"));
        assertEquals(6.1, back.inference().latencyMsP95());
        String json = Files.readString(store().fileOf(run.id()));
        assertTrue(json.contains("\"schema_version\" : 1"), json);
        assertTrue(json.contains("\"started_at\" : \"2026-11-26T06:15:00Z\""), json);
        assertTrue(json.contains("\"kind\" : \"finetune\""), json);
        assertFalse(json.contains("null"), json);
    }

    @Test
    void unknownFieldsSurviveARewrite() throws Exception {
        RunRecord run = store().create(finetune("x"));
        Path file = store().fileOf(run.id());
        String json = Files.readString(file);
        json = json.replaceFirst("\\{", "{\n  \"future_field\" : {\"a\" : [1, 2]},");
        Files.writeString(file, json);
        store().update(run.id(), r -> r.withStatus(RunStatus.COMPLETED));
        var tree = RunJson.MAPPER.readTree(file.toFile());
        assertEquals(2, tree.path("future_field").path("a").size());
        assertEquals("completed", tree.path("status").asText());
    }

    @Test
    void corruptFilesAreReportedByNameAndSkipped() throws Exception {
        RunStore store = store();
        RunRecord good = store.create(finetune("good"));
        Path runs = store.directory();
        Files.writeString(
                runs.resolve("20261126-061501-dead.json"),
                "{\"id\": \"2026112",
                StandardCharsets.UTF_8);
        Files.writeString(runs.resolve("notes.json"), "[1, 2]");
        Files.writeString(runs.resolve("20261126-061502-beef.json"), "{\"name\": \"no id\"}");
        Files.writeString(runs.resolve(".tmp-half.json-123"), "{");
        Files.writeString(
                runs.resolve("20261126-061503-cafe.json"),
                "{\"id\": \"20261126-061503-cafe\", \"name\": \"t\", \"kind\": \"eval\","
                        + " \"started_at\": \"yesterday\"}");
        RunListing listing = store.list();
        assertEquals(List.of(good.id()), listing.runs().stream().map(RunRecord::id).toList());
        List<String> skipped =
                listing.skipped().stream().map(s -> s.file().getFileName().toString()).toList();
        assertEquals(
                List.of(
                        "20261126-061501-dead.json",
                        "20261126-061502-beef.json",
                        "20261126-061503-cafe.json",
                        "notes.json"),
                skipped);
        assertTrue(listing.skipped().get(2).reason().contains("yesterday"));
        assertTrue(listing.skipped().get(0).toString().startsWith("20261126-061501-dead.json: "));
    }

    @Test
    void nullCollectionsReadAsEmpty() throws Exception {
        Files.createDirectories(store().directory());
        Files.writeString(
                store().fileOf("20261126-061500-0000"),
                "{\"id\": \"20261126-061500-0000\", \"name\": \"n\", \"kind\": \"finetune\","
                        + " \"steps\": null, \"metrics\": null, \"hyperparameters\": null}");
        RunRecord run = store().require("n");
        assertTrue(run.steps().isEmpty() && run.metrics().isEmpty());
        assertTrue(run.hyperparameters().isEmpty());
    }

    @Test
    void listIsSortedAndGetFindsByIdNameOrPrefix() {
        RunStore store = store();
        RunRecord a = store.create(finetune("same"));
        clock.advance(java.time.Duration.ofSeconds(5));
        RunRecord b = store.create(finetune("same"));
        clock.advance(java.time.Duration.ofMinutes(1));
        RunRecord c = store.create(RunRecord.of(RunKind.BASELINE, "zero-shot"));
        assertEquals(
                List.of(a.id(), b.id(), c.id()),
                store.list().runs().stream().map(RunRecord::id).toList());
        assertEquals(b.id(), store.get("same").orElseThrow().id(), "latest of that name");
        assertEquals(a.id(), store.get(a.id()).orElseThrow().id());
        assertEquals(c.id(), store.get("20261126-0616").orElseThrow().id());
        assertTrue(store.get("20261126").isEmpty(), "ambiguous prefix");
        var e = assertThrows(IllegalArgumentException.class, () -> store.require("nope"));
        assertTrue(e.getMessage().contains("known runs: same, zero-shot"), e.getMessage());
    }

    @Test
    void aFailedSaveKeepsThePreviousVersion() throws Exception {
        RunStore store = store();
        RunRecord run = store.create(finetune("keep"));
        String before = Files.readString(store.fileOf(run.id()));
        RunRecord broken = run.withHyperparameter("unserialisable", new Object());
        assertThrows(RuntimeException.class, () -> store.save(broken));
        assertEquals(before, Files.readString(store.fileOf(run.id())));
        try (var files = Files.list(store.directory())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void savesLeaveNoTemporaryFiles() throws Exception {
        RunStore store = store();
        RunRecord run = store.create(finetune("a"));
        for (int i = 0; i < 5; i++) {
            run = run.toBuilder().addStep(RunStep.ofLoss(i, 1.0 / (i + 1))).build();
            store.save(run);
        }
        try (var files = Files.list(store.directory())) {
            assertEquals(
                    List.of(run.id() + ".json"),
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void homeComesFromEnvironmentOrWorkingDirectory() {
        Path cwd = Path.of("/notebooks/demo");
        assertEquals(Path.of("/data/tb"), RunStore.home(Map.of("TUNEBOOK_HOME", "/data/tb"), cwd));
        assertEquals(Path.of("/notebooks/demo/.tunebook"), RunStore.home(Map.of(), cwd));
        assertEquals(Path.of("/data/tb/runs"), RunStore.at(Path.of("/data/tb")).directory());
    }

    @Test
    void badRunsAreRefusedWithReasons() {
        assertThrows(
                IllegalArgumentException.class,
                () -> store().create(RunRecord.of(RunKind.EVAL, " ")));
        assertThrows(
                IllegalArgumentException.class,
                () -> store().save(finetune("x").toBuilder().optId("../../etc/passwd").build()));
        var e = assertThrows(IllegalArgumentException.class, () -> RunKind.of("sweep"));
        assertTrue(e.getMessage().contains("sweep"));
        assertNotNull(RunStatus.of("Completed"));
    }
}
