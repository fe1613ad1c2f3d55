package dev.tunebook.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true: it names every module and every package that has sources, names
 * no package that does not exist, and its table of library packages is in layers (a package uses
 * only packages in rows above it).
 */
class ArchitectureDocTest {
    private static final Path ROOT = Path.of(System.getProperty("tunebook.root", "../.."));
    private static final List<String> MODULES =
            List.of("kernel", "magics/finetune", "magics/extension");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(dev\\.tunebook[a-z.]*)` \\|");
    private static final Pattern ARTIFACT =
            Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");

    private static String doc() throws IOException {
        Path doc = ROOT.resolve("docs/architecture.md");
        assertTrue(Files.isRegularFile(doc), "no " + doc.toAbsolutePath());
        return Files.readString(doc);
    }

    /** Returns the packages that hold sources in the modules' main source folders. */
    private static Set<String> packages() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (String module : MODULES) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .forEach(f -> packages.add(SourceScan.packageOf(sources, f)));
            }
        }
        return packages;
    }

    private static List<String> rows(String doc) {
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }

    @Test
    void namesEveryModuleWithItsArtifact() throws IOException {
        String doc = doc();
        for (String module : MODULES) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            Matcher artifact = ARTIFACT.matcher(pom);
            assertTrue(artifact.find(), module + "/pom.xml has no artifactId");
            String line = module + "/ ";
            assertTrue(doc.contains(line), "docs/architecture.md does not name " + line);
            assertTrue(doc.contains(artifact.group(1)), "does not name " + artifact.group(1));
        }
    }

    @Test
    void hasARowForEveryPackageAndNoneForAMissingOne() throws IOException {
        Set<String> packages = packages();
        assertTrue(packages.contains("dev.tunebook.magics"), "found only " + packages);
        assertEquals(
                packages,
                new TreeSet<>(rows(doc())),
                "docs/architecture.md's package tables differ from the packages with sources");
    }

    @Test
    void theLibraryTableIsInLayers() throws IOException {
        List<String> layers =
                rows(doc()).stream().filter(p -> p.startsWith("dev.tunebook.finetune")).toList();
        Path sources = ROOT.resolve("magics/finetune/src/main/java");
        List<String> upward = new ArrayList<>();
        SourceScan.edges(sources)
                .forEach(
                        (from, targets) ->
                                targets.forEach(
                                        (to, files) -> {
                                            if (layers.indexOf(to) > layers.indexOf(from)) {
                                                upward.add(from + " -> " + to + " " + files);
                                            }
                                        }));
        assertEquals(List.of(), upward, "uses of packages in lower rows of the library table");
    }
}
