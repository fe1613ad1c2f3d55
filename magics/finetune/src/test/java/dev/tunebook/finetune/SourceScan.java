package dev.tunebook.finetune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Java sources read as code: comments and string literals blanked out, and the references of each
 * package's classes to other {@code dev.tunebook} packages (imports and qualified names).
 */
final class SourceScan {
    private static final Pattern COMMENTS =
            Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);
    private static final Pattern REFERENCE =
            Pattern.compile("\\bdev\\.tunebook((?:\\.[a-z][a-z0-9]*)+)\\.(?:[A-Z*])");

    private SourceScan() {}

    /** Returns each source file under {@code root} with its code only. */
    static Map<Path, String> code(Path root) throws IOException {
        assertTrue(Files.isDirectory(root), "no source folder " + root.toAbsolutePath());
        Map<Path, String> code = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.put(file, COMMENTS.matcher(Files.readString(file)).replaceAll(" "));
            }
        }
        return code;
    }

    /** Returns the package of a source file under {@code root}. */
    static String packageOf(Path root, Path file) {
        return root.relativize(file.getParent()).toString().replace('/', '.');
    }

    /**
     * Returns, for each package under {@code root}, the other {@code dev.tunebook} packages its
     * classes refer to, with the files that do.
     */
    static Map<String, Map<String, Set<String>>> edges(Path root) throws IOException {
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
        code(root)
                .forEach(
                        (file, code) -> {
                            String from = packageOf(root, file);
                            Matcher m = REFERENCE.matcher(code);
                            while (m.find()) {
                                String to = "dev.tunebook" + m.group(1);
                                if (!to.equals(from)) {
                                    edges.computeIfAbsent(from, k -> new TreeMap<>())
                                            .computeIfAbsent(to, k -> new TreeSet<>())
                                            .add(file.getFileName().toString());
                                }
                            }
                        });
        return edges;
    }
}
