package dev.tunebook.kernel.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JDK the kernel is tested on: the one running the tests (Java 17) and Java 25 from {@code
 * -Dtunebook.java25}, {@code $TUNEBOOK_JAVA25} or {@code /usr/lib/jvm/temurin-25-jdk-amd64}.
 *
 * <p>A JDK 25 that was named ({@code .ci/run} always names it) is required: when it is missing, the
 * tests fail with the path they looked for. Only when none was named and the default path does not
 * exist (a user's plain {@code ./mvnw verify}) is the Java 25 leg left out, and a line on the
 * build's output says so. Either way the build output says which JDKs the kernel ran on.
 */
record Jdk(String label, Path home) {
    static final Path JAVA25_DEFAULT = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static boolean announced;

    /** Returns the JDKs every kernel test runs on, printing them once per test JVM. */
    static synchronized List<Jdk> all() {
        Jdk java25 = java25();
        boolean named = configured25() != null;
        List<Jdk> jdks =
                named || java25.installed() ? List.of(java17(), java25) : List.of(java17());
        if (!announced) {
            announced = true;
            System.out.println(
                    jdks.size() == 2
                            ? "[tunebook] kernel ITs run on java17 ("
                                    + java17().home
                                    + ") and java25 ("
                                    + java25.home
                                    + ")"
                            : "[tunebook] Java 25 leg skipped: no JDK 25 at "
                                    + java25.home
                                    + "; set TUNEBOOK_JAVA25 to a JDK 25 home to run it"
                                    + " (.ci/run requires it)");
        }
        return jdks;
    }

    static Jdk java17() {
        return new Jdk("java17", Path.of(System.getProperty("java.home")));
    }

    static Jdk java25() {
        String configured = configured25();
        return new Jdk("java25", configured == null ? JAVA25_DEFAULT : Path.of(configured));
    }

    private static String configured25() {
        String configured = System.getProperty("tunebook.java25", System.getenv("TUNEBOOK_JAVA25"));
        return configured == null || configured.isBlank() ? null : configured;
    }

    private boolean installed() {
        return Files.isExecutable(home.resolve("bin").resolve("java"));
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
