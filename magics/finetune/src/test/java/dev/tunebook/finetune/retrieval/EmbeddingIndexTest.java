package dev.tunebook.finetune.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingIndexTest {
    private static final EncoderId TOY = new EncoderId("toy", 2);

    @TempDir Path dir;

    private static EmbeddingIndex fourPassages() {
        return EmbeddingIndex.of(
                TOY,
                List.of("east", "north", "north-east", "west"),
                List.of("e", "n", "ne", "w"),
                new float[][] {{2, 0}, {0, 3}, {1, 1}, {-1, 0}});
    }

    @Test
    void searchRanksByCosineAndKeepsIndexOrderOnTies() {
        EmbeddingIndex index = fourPassages();
        List<RetrievedPassage> hits = index.search(new float[] {5, 0.001f}, 3);
        assertEquals(
                List.of("east", "north-east", "north"), hits.stream().map(h -> h.id()).toList());
        assertEquals(List.of(1, 2, 3), hits.stream().map(h -> h.rank()).toList());
        assertEquals(1.0, hits.get(0).score(), 1e-4, "vectors are normalised: a cosine");
        assertEquals(Math.sqrt(0.5), hits.get(1).score(), 1e-3);
        List<RetrievedPassage> tie = index.search(new float[] {1, 1}, 4);
        assertEquals("north-east", tie.get(0).id());
        assertEquals(List.of("east", "north"), List.of(tie.get(1).id(), tie.get(2).id()));
    }

    @Test
    void kLargerThanTheIndexIsAnErrorNamingBoth() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> fourPassages().search(new float[] {1, 0}, 5));
        assertEquals(
                "k 5 is larger than the index, which holds 4 passages: ask for at most 4",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> fourPassages().search(new float[] {1, 0}, 0));
    }

    @Test
    void aQueryOfAnotherDimensionIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> fourPassages().search(new float[] {1, 0, 0}, 1));
        assertTrue(e.getMessage().contains("toy (dimension 2)"), e.getMessage());
    }

    @Test
    void savesAndLoadsTheSameIndex() throws IOException {
        Path file = dir.resolve("toy.index");
        fourPassages().save(file);
        EmbeddingIndex loaded = EmbeddingIndex.load(file);
        assertEquals(fourPassages(), loaded);
        assertEquals(TOY, loaded.encoder());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left");
        }
    }

    @Test
    void aTruncatedFileIsNamedAndRefused() throws IOException {
        Path file = dir.resolve("toy.index");
        fourPassages().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        IOException e = assertThrows(IOException.class, () -> EmbeddingIndex.load(file));
        assertTrue(
                e.getMessage().startsWith(file + ": expected 32 bytes of vectors"), e.getMessage());
    }

    @Test
    void aFileThatIsNoIndexIsNamedAndRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello, not an index at all");
        IOException e = assertThrows(IOException.class, () -> EmbeddingIndex.load(file));
        assertEquals(
                file + ": not a tunebook index (it does not start with 'tunebook-index 1')",
                e.getMessage());
        IOException none =
                assertThrows(IOException.class, () -> EmbeddingIndex.load(dir.resolve("x")));
        assertTrue(none.getMessage().endsWith("no such index file"));
    }

    @Test
    void metricsCountRanksWithinTheDepth() {
        RetrievalMetrics m = RetrievalMetrics.of(List.of(1, 3, 0, 10));
        assertEquals(0.25, m.recallAt1());
        assertEquals(0.5, m.recallAt5());
        assertEquals(0.75, m.recallAt10());
        assertEquals((1 + 1 / 3.0 + 0.1) / 4, m.mrrAt10(), 1e-12);
        assertEquals(
                List.of("recall@1", "recall@5", "recall@10", "mrr@10"),
                List.copyOf(m.asMap().keySet()));
    }
}
