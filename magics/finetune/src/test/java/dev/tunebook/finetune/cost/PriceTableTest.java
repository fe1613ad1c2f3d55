package dev.tunebook.finetune.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {
    @TempDir Path dir;

    @Test
    void builtInCoversEveryDeviceWithSourceAndDate() {
        PriceTable table = PriceTable.builtIn();
        Set<String> gpus = table.all().stream().map(DevicePrice::gpu).collect(Collectors.toSet());
        assertEquals(Set.of("A100", "H100", "H200", "L4", "T4", "CPU"), gpus);
        for (DevicePrice p : table.all()) {
            assertTrue(p.usdPerHour() > 0, p.toString());
            assertTrue(p.source().startsWith("https://"), p.toString());
            assertFalse(p.date().isBlank(), p.toString());
        }
        assertEquals(0.134, table.price("cpu").usdPerHour());
    }

    @Test
    void overridesReplaceSinglePrices() {
        PriceTable table = PriceTable.builtIn().withPrice("h100", 2.49);
        assertEquals(2.49, table.price("H100").usdPerHour());
        assertEquals("user", table.price("H100").source());
        assertEquals(3.67, table.price("A100").usdPerHour());
        PriceTable more = table.withOverrides(Map.of("RTX4090", 0.34));
        assertEquals(0.34, more.price("rtx4090").usdPerHour());
    }

    @Test
    void filesInEitherFormatMergeOverTheBuiltIns() throws Exception {
        Path simple = dir.resolve("simple.json");
        Files.writeString(simple, "{\"H100\": 2.99, \"l4\": 0.5}");
        PriceTable a = PriceTable.fromFile(simple);
        assertEquals(2.99, a.price("H100").usdPerHour());
        assertEquals(0.5, a.price("L4").usdPerHour());
        assertEquals(0.54, a.price("T4").usdPerHour());
        Path full = dir.resolve("full.json");
        Files.writeString(
                full,
                "{\"prices\": [{\"gpu\": \"A100\", \"usd_per_hour\": 1.29,"
                        + " \"source\": \"https://lambda.ai/pricing\", \"date\": \"2026-11-01\"}]}");
        DevicePrice p = PriceTable.fromFile(full).price("A100");
        assertEquals(new DevicePrice("A100", 1.29, "https://lambda.ai/pricing", "2026-11-01"), p);
    }

    @Test
    void badPricesNameTheFileAndEntry() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"prices\": [{\"gpu\": \"A100\", \"usd_per_hour\": \"cheap\"}]}");
        var e = assertThrows(IllegalArgumentException.class, () -> PriceTable.fromFile(bad));
        assertTrue(e.getMessage().contains("bad.json: prices[0].usd_per_hour"), e.getMessage());
        Path negative = dir.resolve("neg.json");
        Files.writeString(negative, "{\"T4\": -1}");
        var n = assertThrows(IllegalArgumentException.class, () -> PriceTable.fromFile(negative));
        assertTrue(n.getMessage().contains("'T4' must be a positive price"), n.getMessage());
        var broken = dir.resolve("broken.json");
        Files.writeString(broken, "{");
        var b = assertThrows(IllegalArgumentException.class, () -> PriceTable.fromFile(broken));
        assertTrue(b.getMessage().contains("broken.json"), b.getMessage());
        var u =
                assertThrows(
                        IllegalArgumentException.class, () -> PriceTable.builtIn().price("TPU"));
        assertTrue(u.getMessage().contains("--price"), u.getMessage());
    }
}
