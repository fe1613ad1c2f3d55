package dev.tunebook.finetune.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a comparison benchmark's PyTorch script and checks that it can run, so that a bench whose
 * reference cannot run stops with a message instead of printing its own figures alone.
 *
 * <p>The script is looked up under {@code src/test/python} of the working directory (what {@code
 * ./tunebook bench} sets: the module folder) and of {@code magics/finetune} (the repository root).
 * The interpreter is {@code -Dbench.python} (default {@code /usr/bin/python3}, Debian's, which
 * {@code python3-torch} installs into; a pyenv or venv {@code python3} on the PATH would not see
 * it).
 */
public final class PythonReference {
    private PythonReference() {}

    /** Returns the interpreter, {@code -Dbench.python} or {@code /usr/bin/python3}. */
    public static String python() {
        return System.getProperty("bench.python", "/usr/bin/python3");
    }

    /**
     * Returns the script {@code name} under {@code src/test/python}.
     *
     * @throws IllegalStateException naming the folders searched when it is in neither
     */
    public static Path script(String name) {
        List<Path> tried = new ArrayList<>();
        for (Path base : new Path[] {Path.of(""), Path.of("magics/finetune")}) {
            Path candidate = base.resolve("src/test/python").resolve(name).toAbsolutePath();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new IllegalStateException(
                "the PyTorch reference script "
                        + name
                        + " is not where the bench looks: "
                        + tried
                        + " (run it with ./tunebook bench, which starts it in its module folder)");
    }

    /**
     * Checks that the interpreter imports torch, and returns its version line.
     *
     * @throws IllegalStateException with the install command when it does not
     */
    public static String requireTorch() throws IOException, InterruptedException {
        String python = python();
        Process p =
                new ProcessBuilder(python, "-c", "import torch; print('torch', torch.__version__)")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "the PyTorch reference cannot run: "
                            + python
                            + " cannot import torch ("
                            + out.lines().reduce((a, b) -> b).orElse("no output")
                            + "). Install Debian's PyTorch with OpenBLAS: apt-get install"
                            + " python3-torch libopenblas0-pthread (or -Dbench.python=PATH for"
                            + " another interpreter; -Dbench.python=none times tunebook alone"
                            + " and reports no ratio)");
        }
        return out;
    }
}
