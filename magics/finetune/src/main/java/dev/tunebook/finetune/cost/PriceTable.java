package dev.tunebook.finetune.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hourly prices by device. The built-in table ({@code prices.json} beside this class) holds Google
 * Cloud on-demand list prices with their source and date; users override single prices ({@link
 * #withPrice}), several ({@link #withOverrides}) or load a file ({@link #fromFile}).
 *
 * <p>Instances are immutable.
 */
public final class PriceTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, DevicePrice> prices;

    private PriceTable(Map<String, DevicePrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** Returns the built-in table. */
    public static PriceTable builtIn() {
        try (InputStream in = PriceTable.class.getResourceAsStream("prices.json")) {
            return new PriceTable(parse(JSON.readTree(in), "built-in prices.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read built-in prices.json", e);
        }
    }

    /**
     * Returns the built-in table with the prices in {@code file} replacing or adding entries. The
     * file is either {@code {"prices": [{"gpu", "usd_per_hour", "source", "date"}...]}} or a plain
     * object {@code {"H100": 2.49, ...}}.
     *
     * @throws IllegalArgumentException naming the file and entry if a price is missing or invalid
     */
    public static PriceTable fromFile(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read price file " + file + ": " + e.getMessage(), e);
        }
        Map<String, DevicePrice> merged = new LinkedHashMap<>(builtIn().prices);
        merged.putAll(parse(root, file.toString()));
        return new PriceTable(merged);
    }

    private static Map<String, DevicePrice> parse(JsonNode root, String origin) {
        Map<String, DevicePrice> out = new LinkedHashMap<>();
        if (root != null && root.has("prices")) {
            int i = 0;
            for (JsonNode p : root.get("prices")) {
                String where = origin + ": prices[" + i++ + "]";
                String gpu = p.path("gpu").asText("");
                if (gpu.isBlank()) {
                    throw new IllegalArgumentException(where + " has no 'gpu'");
                }
                double usd = checked(p.get("usd_per_hour"), where + ".usd_per_hour");
                out.put(
                        DeviceNames.canonical(gpu),
                        new DevicePrice(
                                DeviceNames.canonical(gpu),
                                usd,
                                p.path("source").asText(origin),
                                p.path("date").asText("")));
            }
        } else if (root != null && root.isObject()) {
            root.fields()
                    .forEachRemaining(
                            f -> {
                                String gpu = DeviceNames.canonical(f.getKey());
                                double usd =
                                        checked(f.getValue(), origin + ": '" + f.getKey() + "'");
                                out.put(gpu, new DevicePrice(gpu, usd, origin, ""));
                            });
        } else {
            throw new IllegalArgumentException(origin + " is not a JSON object of prices");
        }
        return out;
    }

    private static double checked(JsonNode node, String where) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(where + " must be a number (USD per hour)");
        }
        return requirePositive(node.doubleValue(), where);
    }

    private static double requirePositive(double usd, String where) {
        if (!(usd > 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException(where + " must be a positive price, got " + usd);
        }
        return usd;
    }

    /** Returns a table where {@code gpu} costs {@code usdPerHour} (source "user"). */
    public PriceTable withPrice(String gpu, double usdPerHour) {
        return withOverrides(Map.of(gpu, usdPerHour));
    }

    /** Returns a table with each given device's price replaced (source "user"). */
    public PriceTable withOverrides(Map<String, Double> usdPerHour) {
        Map<String, DevicePrice> merged = new LinkedHashMap<>(prices);
        usdPerHour.forEach(
                (gpu, usd) -> {
                    String name = DeviceNames.canonical(gpu);
                    merged.put(
                            name,
                            new DevicePrice(
                                    name, requirePositive(usd, "price of " + name), "user", ""));
                });
        return new PriceTable(merged);
    }

    /**
     * Returns the price of {@code gpu} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the known devices if there is none
     */
    public DevicePrice price(String gpu) {
        DevicePrice p = prices.get(DeviceNames.canonical(gpu));
        if (p == null) {
            throw new IllegalArgumentException(
                    "no price for device '"
                            + gpu
                            + "'; known: "
                            + prices.keySet()
                            + " (set one with --price USD_PER_HOUR)");
        }
        return p;
    }

    /** Returns every price. */
    public Collection<DevicePrice> all() {
        return prices.values();
    }
}
