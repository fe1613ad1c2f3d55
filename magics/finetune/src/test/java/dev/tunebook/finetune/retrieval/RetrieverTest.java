package dev.tunebook.finetune.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.CancellationSource;
import dev.tunebook.finetune.eval.MiniLm;
import dev.tunebook.finetune.eval.TextEncoder;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.prompt.PromptSpec;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** all-MiniLM-L6-v2 over 24 Debian package descriptions: real embeddings, small enough for CI. */
class RetrieverTest {
    private static final String MINILM = "all-MiniLM-L6-v2";
    private static MiniLm miniLm;
    private static TextEncoder encoder;
    private static DebianPassages debian;
    private static Retriever packages;
    private static final List<int[]> PROGRESS = new ArrayList<>();

    @TempDir Path dir;

    @BeforeAll
    static void buildIndex(@TempDir Path models) throws IOException {
        miniLm = MiniLm.load(models.resolve("minilm"));
        encoder = new TextEncoder(miniLm.model, miniLm.tokenizer);
        debian = DebianPassages.first(24);
        packages =
                Retriever.builder()
                        .setEncoder(encoder, MINILM)
                        .setPassages(debian.packages(), debian.descriptions())
                        .optBatchSize(8)
                        .optProgress((done, total) -> PROGRESS.add(new int[] {done, total}))
                        .build();
    }

    @AfterAll
    static void close() {
        miniLm.close();
    }

    @Test
    void buildingReportsEveryBatch() {
        assertEquals(
                List.of("0/24", "8/24", "16/24", "24/24"),
                PROGRESS.stream().map(p -> p[0] + "/" + p[1]).toList());
        assertEquals(new EncoderId(MINILM, 384), packages.encoderId());
        assertEquals(24, packages.size());
    }

    @Test
    void aSynopsisFindsItsPackageFirst() {
        // "Slide and add puzzle game for text mode" is 2048's synopsis, not in its description.
        List<RetrievedPassage> hits = packages.retrieve(debian.synopses().get(1), 5);
        assertEquals("2048", hits.get(0).id());
        assertEquals(5, hits.size());
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "best first");
        }
        assertTrue(hits.get(0).score() > 0.3 && hits.get(0).score() <= 1.0, "" + hits.get(0));
    }

    @Test
    void kLargerThanTheIndexIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> packages.retrieve("game", 25));
        assertEquals(
                "k 25 is larger than the index, which holds 24 passages: ask for at most 24",
                e.getMessage());
    }

    @Test
    void aSavedIndexAnswersAsTheBuiltOne() throws IOException {
        Path file = dir.resolve("packages.index");
        packages.save(file);
        Retriever loaded = Retriever.load(file, encoder, MINILM);
        assertEquals(packages.index(), loaded.index());
        String query = "play chess against the computer";
        assertEquals(packages.retrieve(query, 3), loaded.retrieve(query, 3));
    }

    @Test
    void anIndexOfAnotherEncoderIsRefusedNamingBoth() throws IOException {
        Path file = dir.resolve("packages.index");
        packages.save(file);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Retriever.load(file, encoder, "e5-small-v2-q"));
        assertEquals(
                file
                        + " was built with encoder all-MiniLM-L6-v2 (dimension 384), but the"
                        + " queries would be embedded by e5-small-v2-q (dimension 384): their"
                        + " vectors are not comparable. Query with all-MiniLM-L6-v2, or rebuild"
                        + " the index with e5-small-v2-q",
                e.getMessage());
    }

    @Test
    void cancellingStopsTheBuildBetweenBatches() {
        CancellationSource stop = new CancellationSource();
        List<Integer> seen = new ArrayList<>();
        Retriever.Builder builder =
                Retriever.builder()
                        .setEncoder(encoder, MINILM)
                        .setPassages(debian.packages(), debian.descriptions())
                        .optBatchSize(8)
                        .optCancellation(stop)
                        .optProgress(
                                (done, total) -> {
                                    seen.add(done);
                                    if (done == 8) {
                                        stop.cancel();
                                    }
                                });
        assertThrows(CancellationException.class, builder::build);
        assertEquals(List.of(0, 8), seen, "no batch after the cancel");
    }

    @Test
    void aBlankPassageIsNamed() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Retriever.builder()
                                        .setEncoder(encoder, MINILM)
                                        .setPassages(List.of("a", "b"), List.of("text", " "))
                                        .build());
        assertEquals("passage 1 (id b) is empty", e.getMessage());
    }

    @Test
    void evaluationRecordsRecallAndMrr() {
        RunStore store = RunStore.at(dir.resolve("runs"));
        RetrievalEvaluation e =
                RetrievalEvaluator.record(
                        store,
                        RunRecord.builder(RunKind.EVAL, "retrieval packages")
                                .optDataset("debian")
                                .build(),
                        "packages",
                        packages,
                        debian.synopses(),
                        debian.packages(),
                        IndexProgress.NONE,
                        new CancellationSource());
        RetrievalMetrics m = e.metrics();
        assertEquals(24, m.queries());
        assertTrue(m.recallAt1() <= m.recallAt5() && m.recallAt5() <= m.recallAt10());
        assertTrue(m.recallAt1() >= 0.5, "synopses find their own package among 24: " + m);
        assertTrue(m.mrrAt10() >= m.recallAt1() && m.mrrAt10() <= m.recallAt10());
        RunRecord run = store.require(e.run().id());
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals("retrieval", run.method());
        assertEquals(MINILM, run.model());
        assertEquals(m.asMap(), run.metrics().get("test"));
        assertEquals("packages", run.hyperparameters().get("index"));
        assertEquals(24, run.hyperparameters().get("passages"));
        assertTrue(e.toText().contains("recall@10"), e.toText());
    }

    @Test
    void aRelevantIdOutsideTheIndexIsRefusedBeforeAnythingIsRecorded() throws IOException {
        RunStore store = RunStore.at(dir.resolve("runs"));
        List<String> relevant = new ArrayList<>(debian.packages());
        relevant.set(3, "no-such-package");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                RetrievalEvaluator.record(
                                        store,
                                        RunRecord.of(RunKind.EVAL, "retrieval packages"),
                                        "packages",
                                        packages,
                                        debian.synopses(),
                                        relevant,
                                        IndexProgress.NONE,
                                        new CancellationSource()));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "1 of 24 relevant ids are not in index packages, first"
                                        + " 'no-such-package' of query 3"),
                e.getMessage());
        assertTrue(store.list().runs().isEmpty(), "no run recorded");
    }

    @Test
    void aPromptFillsContextForEveryRow() {
        PromptSpec spec =
                PromptSpec.parse(
                        "system: Answer with the package name.\n"
                                + "user: Packages:\n{context}\nWhich package does this: {synopsis}\n"
                                + "assistant: {package}");
        ChatPrompt prompt =
                new ChatPrompt(
                                spec,
                                PromptFormat.builder()
                                        .setTemplate(ChatTemplateLibrary.builtin("chatml"))
                                        .build())
                        .withContext(new RetrievedContext(packages, "packages", "synopsis", 2));
        assertEquals(java.util.Set.of("synopsis", "package"), prompt.requiredColumns());
        Map<String, String> row =
                Map.of("synopsis", debian.synopses().get(1), "package", debian.packages().get(1));
        String text = prompt.render(row).trainingText();
        assertTrue(text.contains("Packages:\n2048: " + debian.descriptions().get(1)), text);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> prompt.render(Map.of("package", "2048")));
        assertEquals(
                "{context} from index packages needs the query column 'synopsis', which the row"
                        + " lacks; its columns: package",
                e.getMessage());
    }
}
