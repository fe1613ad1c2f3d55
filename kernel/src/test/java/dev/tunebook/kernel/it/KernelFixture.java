package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Installs kernelspecs for this build into a temporary Jupyter prefix (once per test JVM) and runs
 * the Python test scripts under {@code src/test/python} with {@code /usr/bin/python3} against them.
 * Each spec runs the kernel classes under test on one JDK, in signal or message interrupt mode.
 */
final class KernelFixture {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPTS = Path.of("src", "test", "python").toAbsolutePath();
    private static KernelFixture instance;

    private final Path prefix;
    private final Path work;

    private KernelFixture() throws IOException {
        this.work = Files.createTempDirectory("tunebook-it-");
        this.prefix = work.resolve("prefix");
    }

    /** Returns the fixture shared by every IT in this JVM. */
    static synchronized KernelFixture get() throws IOException {
        if (instance == null) {
            instance = new KernelFixture();
        }
        return instance;
    }

    /** Returns a scratch directory for one test. */
    Path scratch(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /** Installs (once) and returns the name of the kernelspec for {@code jdk} and {@code mode}. */
    synchronized String kernel(Jdk jdk, String interruptMode) throws Exception {
        String name = "tunebook-" + jdk.label() + "-" + interruptMode;
        if (!Files.exists(prefix.resolve("share/jupyter/kernels").resolve(name))) {
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    jdk.java().toString(),
                                    "-cp",
                                    classpath(),
                                    "dev.tunebook.kernel.Main",
                                    "install",
                                    "--prefix",
                                    prefix.toString(),
                                    "--name",
                                    name,
                                    "--interrupt-mode",
                                    interruptMode,
                                    // A bounded heap makes the out-of-memory check quick.
                                    "--jvm-opt",
                                    "-Xmx1g"));
            ProcessResult result = run(command, Map.of(), 120);
            assertEquals(0, result.exitCode(), "kernelspec install failed:\n" + result.output());
        }
        return name;
    }

    /** Runs {@code script} with {@code args}; env gets JUPYTER_PATH and an isolated history. */
    ProcessResult python(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(PYTHON.toString(), "-u", SCRIPTS.resolve(script).toString()));
        command.addAll(Arrays.asList(args));
        Map<String, String> fullEnv = new LinkedHashMap<>(env);
        fullEnv.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        fullEnv.putIfAbsent("TUNEBOOK_HISTORY", work.resolve("history.jsonl").toString());
        return run(command, fullEnv, 600);
    }

    /** Runs the tunebook CLI (Main) on {@code jdk} as a process. */
    ProcessResult tunebook(Jdk jdk, Path dir, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                jdk.java().toString(),
                                "-cp",
                                classpath(),
                                "dev.tunebook.kernel.Main"));
        command.addAll(Arrays.asList(args));
        return run(command, Map.of(), 600, dir);
    }

    static ProcessResult run(List<String> command, Map<String, String> env, long timeoutS)
            throws Exception {
        return run(command, env, timeoutS, null);
    }

    static ProcessResult run(List<String> command, Map<String, String> env, long timeoutS, Path dir)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        Path log = Files.createTempFile("tunebook-it-", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutS, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new ProcessResult(
                finished ? process.exitValue() : -1,
                (finished ? "" : "TIMED OUT after " + timeoutS + " s\n") + output);
    }

    /** Returns the classpath of the kernel under test: this JVM's, minus test-only entries. */
    static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(
                        e ->
                                !e.contains("test-classes")
                                        && !e.contains("junit")
                                        && !e.contains("opentest4j")
                                        && !e.contains("apiguardian")
                                        && !e.contains("surefire")
                                        && !e.contains("failsafe"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** What a process printed (stdout and stderr together) and its exit code. */
    record ProcessResult(int exitCode, String output) {}
}
