package dev.tunebook.kernel.jshell;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The kernel JVM's classpath as JShell's compiler needs it: {@code java.class.path} with the {@code
 * Class-Path} entries of manifest-only jars (as surefire and some launchers use) expanded.
 */
final class JvmClasspath {
    private JvmClasspath() {}

    /** Returns the absolute classpath entries of this JVM, in order, without duplicates. */
    static Set<String> entries() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        return entries;
    }

    private static void add(Path entry, Set<String> entries) {
        if (!entries.add(entry.toString())) {
            return;
        }
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        String manifestPath = manifestClasspath(entry);
        if (manifestPath == null) {
            return;
        }
        for (String item : manifestPath.trim().split("\\s+")) {
            try {
                URI resolved = entry.toUri().resolve(item);
                if ("file".equals(resolved.getScheme())) {
                    add(Path.of(resolved).normalize(), entries);
                }
            } catch (IllegalArgumentException e) {
                // An entry that is not a file URI cannot be given to the compiler; skip it.
            }
        }
    }

    private static String manifestClasspath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null
                    ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            return null;
        }
    }
}
