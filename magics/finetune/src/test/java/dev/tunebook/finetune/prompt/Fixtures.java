package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared golden fixtures; a missing folder fails the test, it never skips it. */
final class Fixtures {

    private Fixtures() {}

    /** Returns {@code ${tunebook.fixtures}/relative}, failing if it does not exist. */
    static Path path(String relative) {
        Path root = Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        Path path = root.resolve(relative);
        assertTrue(Files.exists(path), "fixture missing: " + path.toAbsolutePath());
        return path;
    }
}
