package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTableTest {
    @TempDir Path home;

    @Test
    void rowsShowHeadlineMetricTimeAndParams() {
        RunListing listing =
                new RunListing(
                        List.of(
                                RunAnalysisFixtures.baseline(),
                                RunAnalysisFixtures.lora("20261126-061500-bbbb", 2e-4, 0.81)),
                        List.of());
        var rows = new RunTable(listing).table().rows();
        assertEquals(2, rows.size());
        assertEquals(
                List.of(
                        "zero-shot",
                        "baseline",
                        "completed",
                        "all-MiniLM-L6-v2",
                        "zero-shot",
                        "accuracy",
                        "0.65",
                        "",
                        "",
                        "2026-11-26 06:10",
                        "20261126-061000-aaaa"),
                rows.get(0));
        assertEquals("0.81", rows.get(1).get(6), "test split preferred over validation");
        assertEquals("3m 05s", rows.get(1).get(7));
        assertEquals("73.7K", rows.get(1).get(8));
    }

    @Test
    void htmlEscapesNamesAndReportsSkippedFiles() throws Exception {
        RunStore store = RunStore.at(home);
        store.save(RunAnalysisFixtures.lora("20261126-061500-bbbb", 2e-4, 0.81));
        Files.writeString(store.directory().resolve("20261126-070000-cccc.json"), "{oops");
        RunTable table = RunTable.of(store);
        String html = table.toHtml(50);
        assertTrue(html.contains("lora &lt;r8&gt;"), html);
        assertFalse(html.contains("<r8>"), html);
        assertTrue(html.contains("Skipped unreadable run file 20261126-070000-cccc.json"), html);
        String text = table.toText(50);
        assertTrue(text.contains("lora <r8>"), text);
        assertTrue(text.contains("20261126-070000-cccc.json"), text);
    }

    @Test
    void emptyStoreSaysSo() {
        assertTrue(RunTable.of(RunStore.at(home)).toText(10).contains("No runs recorded yet."));
    }

    @Test
    void formatsDurationsAndCounts() {
        assertEquals("42.0s", RunFormat.duration(42.0));
        assertEquals("2h 07m", RunFormat.duration(7620.0));
        assertEquals("950", RunFormat.count(950L));
        assertEquals("1.5B", RunFormat.count(1_500_000_000L));
    }
}
