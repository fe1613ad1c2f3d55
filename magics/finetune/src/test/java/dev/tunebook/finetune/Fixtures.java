package dev.tunebook.finetune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared golden fixtures; a missing folder fails the test rather than skipping. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * Returns the fixtures root from {@code tunebook.fixtures} (default ../../../shared/fixtures).
     */
    public static Path root() {
        Path root = Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        assertTrue(Files.isDirectory(root), "fixtures folder missing: " + root.toAbsolutePath());
        return root;
    }

    /** Returns the sub-folder {@code name} of the fixtures, which must exist. */
    public static Path dir(String name) {
        Path dir = root().resolve(name);
        assertTrue(Files.isDirectory(dir), "fixtures folder missing: " + dir.toAbsolutePath());
        return dir;
    }
}
