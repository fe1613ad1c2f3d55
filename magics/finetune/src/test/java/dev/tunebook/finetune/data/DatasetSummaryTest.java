package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class DatasetSummaryTest {
    @TempDir Path dir;

    private Dataset dataset() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String words = "w ".repeat(i + 1).trim();
            text.append("{\"text\": \"")
                    .append(words)
                    .append("\", \"label\": \"")
                    .append(i % 3 == 0 ? "a" : "b")
                    .append("\"}\n");
        }
        return DatasetLoader.builder()
                .setSource(Files.writeString(dir.resolve("d.jsonl"), text))
                .optSplit(0.6, 0.4)
                .optSeed(3)
                .build()
                .load();
    }

    private static int words(String text) {
        return text.split(" ").length;
    }

    @Test
    void countsSplitsLabelsAndLengths() throws IOException {
        Dataset data = dataset();
        DatasetSummary summary = data.summarize(DatasetSummaryTest::words);
        assertEquals(Map.of("train", 6, "val", 4), summary.rowsPerSplit());
        int a =
                summary.labelCounts().get("train").get("a")
                        + summary.labelCounts().get("val").get("a");
        assertEquals(4, a);
        assertEquals(List.of("a", "b"), List.copyOf(summary.labelCounts().get("val").keySet()));
        assertEquals(new LengthStats(10, 1, 10, 5.5, 5, 10), summary.lengths());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, summary.tokenLengths());
    }

    @Test
    void chartsHoldTheSummaryAndEncodeToPng() throws IOException {
        DatasetSummary summary = dataset().summarize(DatasetSummaryTest::words);
        CategoryChart labels = DatasetCharts.labelDistribution("labels", summary);
        assertEquals(List.of("train", "val"), List.copyOf(labels.getSeriesMap().keySet()));
        CategorySeries train = labels.getSeriesMap().get("train");
        assertEquals(List.of("a", "b"), List.copyOf(train.getXData()));
        CategoryChart histogram = DatasetCharts.tokenLengthHistogram("lengths", summary, 5);
        CategorySeries bins = histogram.getSeriesMap().get("rows");
        double total = 0;
        for (Number n : bins.getYData()) {
            total += n.doubleValue();
        }
        assertEquals(10, total, 1e-9);
        assertEquals(5, bins.getYData().size());
        byte[] png = DatasetCharts.png(histogram);
        assertTrue(png.length > 1000);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }
}
