package dev.tunebook.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    @TempDir Path dir;

    @Test
    void sessionsIncreaseAndHistorySurvivesRestart() {
        Path file = dir.resolve("h/history.jsonl");
        HistoryStore first = HistoryStore.open(file);
        first.add(1, "int x = 1;", null);
        first.add(2, "x + 1", "2");
        HistoryStore second = HistoryStore.open(file);
        assertEquals(first.session() + 1, second.session());
        second.add(1, "x", "1");
        assertEquals(List.of("x + 1", "x"), inputs(second.tail(2)));
        assertEquals("2", second.tail(2).get(0).output());
        assertEquals(List.of("int x = 1;", "x + 1"), inputs(second.range(-1, 1, 0)));
        assertEquals(List.of("x + 1"), inputs(second.range(first.session(), 2, 3)));
        assertEquals(List.of("x"), inputs(second.range(0, 1, 0)));
    }

    @Test
    void searchMatchesGlobsWithLimitAndUnique() {
        HistoryStore store = HistoryStore.open(dir.resolve("history.jsonl"));
        store.add(1, "6*7", "42");
        store.add(2, "Math.max(1, 2)", "2");
        store.add(3, "6*7", "42");
        store.add(4, "6+7", "13");
        assertEquals(List.of("6*7", "6*7", "6+7"), inputs(store.search("6?7", 0, false)));
        assertEquals(List.of("6*7", "6+7"), inputs(store.search("6?7", 0, true)));
        assertEquals(List.of("6*7", "6+7"), inputs(store.search("6?7", 2, false)));
        assertEquals(List.of("Math.max(1, 2)"), inputs(store.search("Math.*", 0, false)));
        assertEquals(List.of("6+7"), inputs(store.search("6[+]7", 0, false)));
        assertEquals(4, store.search("*", 0, false).size());
    }

    @Test
    void unreadableLinesAreSkipped() throws IOException {
        Path file = dir.resolve("history.jsonl");
        HistoryStore.open(file).add(1, "a", null);
        Files.writeString(file, "{not json\n", StandardOpenOption.APPEND);
        HistoryStore reopened = HistoryStore.open(file);
        assertEquals(List.of("a"), inputs(reopened.tail(10)));
    }

    private static List<String> inputs(List<HistoryItem> items) {
        return items.stream().map(HistoryItem::input).toList();
    }
}
