package dev.tunebook.finetune.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The first records of the Debian package descriptions' test split (notebooks/data). */
record DebianPassages(List<String> packages, List<String> synopses, List<String> descriptions) {

    static Path file() {
        return Path.of(System.getProperty("tunebook.datasets", "../../notebooks/data"))
                .resolve("debian-packages/test.jsonl");
    }

    /** Reads the first {@code n} records. */
    static DebianPassages first(int n) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> packages = new ArrayList<>();
        List<String> synopses = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file())) {
            for (String line = in.readLine();
                    line != null && packages.size() < n;
                    line = in.readLine()) {
                JsonNode record = json.readTree(line);
                packages.add(record.get("package").asText());
                synopses.add(record.get("synopsis").asText());
                descriptions.add(record.get("description").asText());
            }
        }
        return new DebianPassages(packages, synopses, descriptions);
    }
}
