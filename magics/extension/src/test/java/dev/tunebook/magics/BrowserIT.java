package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tunebook.kernel.install.Kernelspec;
import dev.tunebook.kernel.install.KernelspecTarget;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the notebooks as a person does: Debian's Jupyter Notebook 6 serves a copy of {@code
 * notebooks/} with this build's kernel, and headless Chromium clicks Cell → Run All in each, then
 * interrupts a busy loop with the toolbar button ({@code src/test/python/browser_checks.py} drives
 * the browser with Selenium and lists what it checks). Screenshots of every notebook go to {@code
 * target/browser} for people to look at. Needs the Debian packages named in {@link #PACKAGES}.
 */
class BrowserIT {
    static final String PACKAGES = "jupyter-notebook, python3-selenium, chromium, chromium-driver";
    private static final Path SCREENSHOTS = Path.of("target", "browser").toAbsolutePath();
    private static final Path SCRIPT =
            Path.of("src", "test", "python", "browser_checks.py").toAbsolutePath();

    /** Each notebook with the seconds its Run All may take on a loaded 2-core machine. */
    private static final List<String> NOTEBOOKS =
            List.of("01-kernel-tour.ipynb:300", "02-finetune-vs-prompt.ipynb:900");

    /** The browser script's limit: both Run Alls, kernel starts and the interrupt check. */
    private static final long SCRIPT_LIMIT_S = 1800;

    @TempDir Path scratch;

    @Test
    void notebooksRunInChromiumThroughNotebooksUi() throws Exception {
        requireDebianPackages();
        Path jupyter = scratch.resolve("jupyter");
        Kernelspec.builder()
                .optClasspath(classpath())
                .build()
                .writeTo(KernelspecTarget.prefix(jupyter));
        Path notebooks = scratch.resolve("notebooks");
        NotebooksIT.copyTree(
                Path.of(System.getProperty("tunebook.root", "../..")).resolve("notebooks"),
                notebooks);
        Files.createDirectories(SCREENSHOTS);
        long start = System.nanoTime();
        String output;
        int exit;
        try (NotebookServer server =
                new NotebookServer(
                        notebooks,
                        jupyter,
                        Map.of(
                                "TUNEBOOK_QUICK",
                                "1",
                                "TUNEBOOK_HISTORY",
                                scratch.resolve("history.jsonl").toString()))) {
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    "/usr/bin/python3",
                                    "-u",
                                    SCRIPT.toString(),
                                    server.url(),
                                    server.token(),
                                    SCREENSHOTS.toString()));
            command.addAll(NOTEBOOKS);
            Path log = scratch.resolve("browser.log");
            Process browser =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            boolean finished = browser.waitFor(SCRIPT_LIMIT_S, TimeUnit.SECONDS);
            if (!finished) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
            }
            exit = finished ? browser.exitValue() : -1;
            output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            if (exit != 0) {
                Files.writeString(SCREENSHOTS.resolve("notebook.log"), server.log());
            }
            assertTrue(finished, "the browser checks did not end in " + SCRIPT_LIMIT_S + " s");
        }
        System.out.printf(
                Locale.ROOT, "BrowserIT ran in %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertEquals(
                0,
                exit,
                "browser checks failed (screenshots and notebook.log in "
                        + SCREENSHOTS
                        + "):\n"
                        + output);
    }

    /** Fails, naming the Debian packages, unless Notebook, Selenium and Chromium are here. */
    private static void requireDebianPackages() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String file :
                List.of("/usr/bin/python3", "/usr/bin/chromium", "/usr/bin/chromedriver")) {
            if (!Files.isExecutable(Path.of(file))) {
                missing.add(file);
            }
        }
        if (missing.isEmpty()) {
            Process p =
                    new ProcessBuilder("/usr/bin/python3", "-c", "import notebook, selenium")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing.add("python3 modules notebook and selenium (" + out.strip() + ")");
            }
        }
        if (!missing.isEmpty()) {
            fail(
                    "BrowserIT needs the Debian packages "
                            + PACKAGES
                            + " (.ci/run installs them); missing: "
                            + String.join(", ", missing));
        }
    }

    /** Returns the classpath of the kernel under test: this JVM's, minus test-only entries. */
    private static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(
                        e ->
                                !e.contains("test-classes")
                                        && !e.endsWith("-tests.jar")
                                        && !e.contains("junit")
                                        && !e.contains("opentest4j")
                                        && !e.contains("apiguardian")
                                        && !e.contains("surefire")
                                        && !e.contains("failsafe"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
