package dev.tunebook.kernel.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where kernelspecs go, as Jupyter looks for them: the user's data directory ({@code
 * $JUPYTER_DATA_DIR} or {@code $XDG_DATA_HOME/jupyter}, default ~/.local/share/jupyter), the Python
 * environment's ({@code sys.prefix/share/jupyter}), or {@code PREFIX/share/jupyter}.
 */
public final class KernelspecTarget {
    private KernelspecTarget() {}

    /** Returns the user's kernels directory. */
    public static Path user() {
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "kernels");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base =
                xdg != null && !xdg.isBlank()
                        ? Path.of(xdg)
                        : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter").resolve("kernels");
    }

    /** Returns {@code prefix/share/jupyter/kernels}. */
    public static Path prefix(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }

    /** Returns the kernels directory of {@code python}'s {@code sys.prefix}. */
    public static Path sysPrefix(String python) throws IOException {
        Process process =
                new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(
                        "'" + python + "' could not report sys.prefix: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + python + " for sys.prefix", e);
        }
        return prefix(Path.of(out.trim()));
    }
}
