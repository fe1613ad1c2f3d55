package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tunebook.finetune.model.LoadedModel;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library packages imported into every cell: no public type name is in two imported packages
 * (the JDK's default imports included), since an on-demand import clash makes the name unusable.
 */
class StartupImportsTest {
    /** The kernel's default on-demand imports of JDK packages (JShellSession.DEFAULT_IMPORTS). */
    private static final List<String> JDK =
            List.of(
                    "java.lang",
                    "java.io",
                    "java.math",
                    "java.net",
                    "java.nio.file",
                    "java.util",
                    "java.util.concurrent",
                    "java.util.function",
                    "java.util.regex",
                    "java.util.stream");

    /** The kernel's display API, statically imported: its member names. */
    private static final List<String> DISPLAY = List.of("Display", "MimeBundle");

    @Test
    void importedPackagesShareNoPublicTypeName() throws Exception {
        Map<String, List<String>> owners = new TreeMap<>();
        for (String pkg : JDK) {
            jdkTypes(pkg).forEach(n -> owners.computeIfAbsent(n, k -> new ArrayList<>()).add(pkg));
        }
        DISPLAY.forEach(n -> owners.computeIfAbsent(n, k -> new ArrayList<>()).add("kernel"));
        for (String target : TunebookMagics.IMPORTS) {
            String pkg = target.substring(0, target.length() - 2);
            List<String> types = libraryTypes(pkg);
            assertFalse(types.isEmpty(), "no public types found in " + pkg);
            types.forEach(n -> owners.computeIfAbsent(n, k -> new ArrayList<>()).add(pkg));
        }
        assertEquals(List.of("java.util"), owners.get("List"), "the JDK's types were found");
        assertEquals(
                List.of("dev.tunebook.finetune.model"),
                owners.get("LoadedModel"),
                "the library's types were found");
        Map<String, List<String>> clashes = new TreeMap<>();
        owners.forEach(
                (name, pkgs) -> {
                    if (pkgs.size() > 1 && pkgs.stream().anyMatch(p -> p.startsWith("dev."))) {
                        clashes.put(name, pkgs);
                    }
                });
        assertEquals(Map.of(), clashes, "simple names imported from two packages");
    }

    private static List<String> jdkTypes(String pkg) throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Path dir = jrt.getPath("/packages", pkg);
        List<String> names = new ArrayList<>();
        try (Stream<Path> modules = Files.list(dir)) {
            for (Path module : modules.toList()) {
                Path classes =
                        jrt.getPath("/modules", module.getFileName().toString())
                                .resolve(pkg.replace('.', '/'));
                names.addAll(publicTypes(pkg, classes, ClassLoader.getPlatformClassLoader()));
            }
        }
        return names;
    }

    private static List<String> libraryTypes(String pkg) throws Exception {
        // The library's classes, not this module's: the packages imported are the library's. They
        // are a folder when the reactor tests, a jar once the library is packaged (verify).
        Path root =
                Path.of(
                        LoadedModel.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        ClassLoader loader = LoadedModel.class.getClassLoader();
        if (Files.isDirectory(root)) {
            return publicTypes(pkg, root.resolve(pkg.replace('.', '/')), loader);
        }
        try (FileSystem jar = FileSystems.newFileSystem(root)) {
            return publicTypes(pkg, jar.getPath(pkg.replace('.', '/')), loader);
        }
    }

    private static List<String> publicTypes(String pkg, Path dir, ClassLoader loader)
            throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class")
                        || name.contains("$")
                        || name.startsWith("package-info")) {
                    continue;
                }
                String simple = name.substring(0, name.length() - ".class".length());
                try {
                    Class<?> type = Class.forName(pkg + "." + simple, false, loader);
                    if (Modifier.isPublic(type.getModifiers())) {
                        names.add(simple);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable from here: not importable either
                }
            }
        }
        return names;
    }
}
