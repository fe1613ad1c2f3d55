package dev.tunebook.kernel.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JDK the kernel is tested on: the one running the tests (Java 17) and Java 25 from {@code
 * -Dtunebook.java25}, {@code $TUNEBOOK_JAVA25} or {@code /usr/lib/jvm/temurin-25-jdk-amd64}. A
 * missing JDK fails the test with the path it looked for; it is never skipped.
 */
record Jdk(String label, Path home) {
    static final Path JAVA25_DEFAULT = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** Returns the JDKs every kernel test runs on. */
    static java.util.List<Jdk> all() {
        return java.util.List.of(java17(), java25());
    }

    static Jdk java17() {
        return new Jdk("java17", Path.of(System.getProperty("java.home")));
    }

    static Jdk java25() {
        String configured = System.getProperty("tunebook.java25", System.getenv("TUNEBOOK_JAVA25"));
        Path home =
                configured == null || configured.isBlank() ? JAVA25_DEFAULT : Path.of(configured);
        return new Jdk("java25", home);
    }

    /** Returns the java executable, failing clearly when the JDK is not installed. */
    Path java() {
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new AssertionError(
                    label
                            + " is required for the kernel tests but "
                            + java
                            + " does not exist;"
                            + " install it or point -Dtunebook.java25 at a JDK 25");
        }
        return java;
    }

    @Override
    public String toString() {
        return label;
    }
}
