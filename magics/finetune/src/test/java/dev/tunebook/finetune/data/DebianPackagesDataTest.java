package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the shipped Debian package descriptions ({@code notebooks/data/debian-packages}) for the
 * invariants its README promises: well-formed records, splits that share no source package and no
 * normalized description, and the README's counts.
 */
class DebianPackagesDataTest {
    static final Path DATA =
            Path.of(System.getProperty("tunebook.root", ".."))
                    .resolve("notebooks/data/debian-packages");
    static final List<String> SPLITS = List.of("train", "val", "test");
    static final List<String> FIELDS =
            List.of("package", "source", "section", "synopsis", "description");
    static final Pattern WORD = Pattern.compile("[a-z0-9]+");

    static Map<String, List<JsonNode>> splits;

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.isDirectory(DATA), "no data folder at " + DATA.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        splits = new LinkedHashMap<>();
        for (String split : SPLITS) {
            Path file = DATA.resolve(split + ".jsonl");
            List<JsonNode> records = new ArrayList<>();
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                records.add(json.readTree(line));
                assertFieldsValid(records.get(records.size() - 1), file + ":" + number);
            }
            splits.put(split, records);
        }
    }

    static void assertFieldsValid(JsonNode record, String where) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS, names, where);
        for (String field : FIELDS) {
            JsonNode value = record.get(field);
            if (field.equals("section") && value.isNull()) {
                continue;
            }
            assertTrue(value.isTextual() && !value.asText().isBlank(), where + ": " + field);
        }
    }

    @Test
    void noSourcePackageOrDescriptionIsInTwoSplits() {
        assertEquals(List.of(), crossing(r -> r.get("source").asText()), "sources");
        assertEquals(List.of(), crossing(r -> r.get("package").asText()), "packages");
        assertEquals(
                List.of(),
                crossing(r -> normalize(r.get("description").asText())),
                "normalized descriptions");
    }

    @Test
    void countsAndSizeAreThoseInTheReadme() throws IOException {
        String readme = Files.readString(DATA.resolve("README.md"));
        Matcher row =
                Pattern.compile("^\\| (train|val|test)\\.jsonl \\| (\\d+) \\|", Pattern.MULTILINE)
                        .matcher(readme);
        Map<String, Integer> promised = new LinkedHashMap<>();
        while (row.find()) {
            promised.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        Map<String, Integer> shipped = new LinkedHashMap<>();
        long bytes = 0;
        for (String split : SPLITS) {
            shipped.put(split, splits.get(split).size());
            bytes += Files.size(DATA.resolve(split + ".jsonl"));
        }
        assertEquals(promised, shipped);
        assertFalse(splits.get("test").isEmpty(), "empty test split");
        assertTrue(bytes <= 10_000_000, "the three files hold " + bytes + " bytes, over 10 MB");
    }

    @Test
    void descriptionsArePlainTextWithoutTheSynopsis() {
        for (List<JsonNode> records : splits.values()) {
            for (JsonNode r : records) {
                String description = r.get("description").asText();
                String where = r.get("package").asText();
                assertFalse(description.contains("\n.\n"), where + ": raw Debian paragraph mark");
                assertFalse(description.contains("\n\n\n"), where + ": empty paragraph");
                assertTrue(description.length() <= 1500, where + ": over 1500 characters");
                String synopsis = " " + normalize(r.get("synopsis").asText()) + " ";
                assertFalse(
                        (" " + normalize(description) + " ").contains(synopsis),
                        where + ": description contains its synopsis");
            }
        }
    }

    /** Returns the keys found in more than one split, sorted. */
    static List<String> crossing(Function<JsonNode, String> key) {
        Map<String, String> owner = new HashMap<>();
        TreeSet<String> crossed = new TreeSet<>();
        splits.forEach(
                (split, records) -> {
                    for (JsonNode r : records) {
                        String k = key.apply(r);
                        if (!owner.computeIfAbsent(k, x -> split).equals(split)) {
                            crossed.add(k);
                        }
                    }
                });
        return List.copyOf(crossed);
    }

    /** Folds a text as build.py's normalize() does: lower case, letters and digits only. */
    static String normalize(String text) {
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            out.append(out.length() == 0 ? "" : " ").append(word.group());
        }
        return out.toString();
    }

    @Test
    void theFolderLoadsAsInstructionDataWithItsThreeSplits() throws IOException {
        Dataset data =
                DatasetLoader.builder()
                        .setSource(DATA)
                        .optColumn("instruction", "{package} - {synopsis}")
                        .optColumn("output", "description")
                        .build()
                        .load();
        assertEquals(TaskKind.INSTRUCTION, data.task());
        assertEquals(SPLITS, data.splits().names());
        for (String split : SPLITS) {
            assertEquals(splits.get(split).size(), data.rows(split).length, split);
        }
        int firstTest = data.rows("test")[0];
        JsonNode record = splits.get("test").get(0);
        assertEquals(
                record.get("package").asText() + " - " + record.get("synopsis").asText(),
                data.table().stringColumn("instruction").get(firstTest));
    }
}
