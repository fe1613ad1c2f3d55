package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsTest {
    static final Path UCI =
            Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                    .resolve("uci-sentiment");

    @TempDir Path dir;

    @Test
    void fractionsAreSeededDisjointAndCoverEveryRow() {
        Splits a = Splits.byFractions(100, new double[] {0.8, 0.1, 0.1}, 7);
        Splits b = Splits.byFractions(100, new double[] {0.8, 0.1, 0.1}, 7);
        Splits c = Splits.byFractions(100, new double[] {0.8, 0.1, 0.1}, 8);
        assertEquals(List.of("train", "val", "test"), a.names());
        assertEquals(80, a.size("train"));
        assertEquals(10, a.size("val"));
        assertEquals(10, a.size("test"));
        assertArrayEquals(a.rows("val"), b.rows("val"));
        assertNotEquals(Arrays.toString(a.rows("val")), Arrays.toString(c.rows("val")));
        int[] all =
                IntStream.concat(
                                IntStream.concat(
                                        Arrays.stream(a.rows("train")),
                                        Arrays.stream(a.rows("val"))),
                                Arrays.stream(a.rows("test")))
                        .sorted()
                        .toArray();
        assertArrayEquals(IntStream.range(0, 100).toArray(), all);
    }

    @Test
    void fractionsMayLeaveRowsOutAndAreChecked() {
        Splits s = Splits.byFractions(10, Splits.parseFractions("0.5,0.2"), 1);
        assertEquals(List.of("train", "val"), s.names());
        assertEquals(5, s.size("train"));
        assertEquals(2, s.size("val"));
        assertThrows(IllegalArgumentException.class, () -> Splits.parseFractions("0.9,0.2"));
        assertThrows(IllegalArgumentException.class, () -> Splits.parseFractions("a,b"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> s.rows("test"));
        assertTrue(e.getMessage().contains("[train, val]"));
    }

    @Test
    void uciSplitFileOverAllThreeFiles() throws IOException {
        Dataset all =
                DatasetLoader.builder()
                        .setSource(UCI)
                        .optSplitFile(UCI.resolve("splits.json"))
                        .build()
                        .load();
        assertEquals(3000, all.size());
        assertEquals(List.of("train", "val", "test"), all.splits().names());
        assertEquals(2400, all.splits().size("train"));
        assertEquals(300, all.splits().size("val"));
        assertEquals(300, all.splits().size("test"));
        assertEquals(List.of("negative", "positive"), all.labelNames());
        int[] labels = all.labelIds();
        assertEquals(1200, Arrays.stream(all.rows("train")).filter(r -> labels[r] == 1).count());
        assertTrue(all.attribution().orElseThrow().contains("CC BY 4.0"));
        assertEquals("uci-sentiment", all.name());
    }

    @Test
    void uciSplitFileOverOneFileUsesItsLines() throws IOException {
        Dataset amazon =
                DatasetLoader.builder()
                        .setSource(UCI.resolve("amazon.jsonl"))
                        .optSplitFile(UCI.resolve("splits.json"))
                        .build()
                        .load();
        assertEquals(800, amazon.splits().size("train"));
        assertEquals(100, amazon.splits().size("test"));
        int firstVal = amazon.rows("val")[0];
        assertEquals(firstVal + 1, amazon.lineOf(firstVal));
    }

    @Test
    void uciSplitFileOverSeveralFiles() throws IOException {
        Dataset two =
                DatasetLoader.builder()
                        .setSource(UCI.resolve("amazon.jsonl"), UCI.resolve("yelp.jsonl"))
                        .optSplitFile(UCI.resolve("splits.json"))
                        .build()
                        .load();
        assertEquals(2000, two.size());
        assertEquals(1600, two.splits().size("train"));
        assertEquals(200, two.splits().size("val"));
        assertEquals("yelp.jsonl", two.sourceOf(1999));
    }

    @Test
    void splitFileErrorsNameTheFileAndEntry() throws IOException {
        Path data =
                Files.writeString(
                        dir.resolve("tiny.jsonl"), "{\"text\": \"a\"}\n{\"text\": \"b\"}\n");
        Path noEntry = Files.writeString(dir.resolve("s1.json"), "{\"other\": {\"train\": [0]}}");
        Path outOfRange =
                Files.writeString(dir.resolve("s2.json"), "{\"tiny\": {\"train\": [0, 5]}}");
        Path twice =
                Files.writeString(
                        dir.resolve("s3.json"), "{\"tiny\": {\"train\": [0], \"test\": [0]}}");
        for (Path split : List.of(noEntry, outOfRange, twice)) {
            DatasetLoader loader =
                    DatasetLoader.builder().setSource(data).optSplitFile(split).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loader::load);
            assertTrue(e.getMessage().contains(split.getFileName().toString()), e.getMessage());
        }
    }
}
