package dev.tunebook.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The library stands alone and its packages form no cycle: no source file refers to the kernel or
 * the magics, and no package reaches itself through the references of its classes to other packages
 * (imports, and qualified names in code; comments do not count). Read from the sources, so a
 * failure names the files.
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern OUTSIDE =
            Pattern.compile("\\bdev\\.tunebook\\.(kernel|magics)\\b");

    @Test
    void noLibraryFileRefersToTheKernelOrTheMagics() throws IOException {
        List<String> offenders = new ArrayList<>();
        Map<Path, String> sources = SourceScan.code(SOURCES);
        assertTrue(sources.size() > 100, "found only " + sources.size() + " sources");
        sources.forEach(
                (file, code) -> {
                    Matcher m = OUTSIDE.matcher(code);
                    if (m.find()) {
                        offenders.add(file + " refers to " + m.group());
                    }
                });
        assertEquals(List.of(), offenders);
    }

    @Test
    void theKernelIsNotOnTheLibrarysClasspath() {
        assertThrows(
                ClassNotFoundException.class, () -> Class.forName("dev.tunebook.kernel.Display"));
        assertThrows(
                ClassNotFoundException.class,
                () -> Class.forName("org.dflib.jjava.jupyter.Extension"));
    }

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Map<String, Set<String>>> edges = SourceScan.edges(SOURCES);
        assertTrue(edges.containsKey("dev.tunebook.finetune.train"), "no edges found: " + edges);
        List<String> cycles = new ArrayList<>();
        for (String start : edges.keySet()) {
            List<String> path = cycleFrom(start, edges);
            if (path != null && path.get(0).equals(start) && isSmallest(start, path)) {
                cycles.add(describe(path, edges));
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    /** Returns a shortest path from {@code start} back to it, or null (breadth first). */
    private static List<String> cycleFrom(
            String start, Map<String, Map<String, Set<String>>> edges) {
        Map<String, String> parent = new TreeMap<>();
        List<String> queue = new ArrayList<>(List.of(start));
        for (int i = 0; i < queue.size(); i++) {
            String at = queue.get(i);
            for (String next : edges.getOrDefault(at, Map.of()).keySet()) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(at));
                    for (String p = parent.get(at); p != null; p = parent.get(p)) {
                        path.add(0, p);
                    }
                    return path;
                }
                if (!parent.containsKey(next) && !next.equals(start)) {
                    parent.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /** Reports each cycle once: from its alphabetically first package. */
    private static boolean isSmallest(String start, List<String> path) {
        return path.stream().allMatch(p -> p.compareTo(start) >= 0);
    }

    private static String describe(List<String> path, Map<String, Map<String, Set<String>>> edges) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            String from = path.get(i);
            String to = path.get((i + 1) % path.size());
            out.append(from).append(" -> ").append(to).append(" (").append(edges.get(from).get(to));
            out.append(") ");
        }
        return out.toString().strip();
    }
}
