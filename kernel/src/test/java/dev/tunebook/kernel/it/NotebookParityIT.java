package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The headless runner ({@code tunebook run}) and Jupyter's nbclient, driving the installed
 * kernelspec, produce the same outputs for the sample notebook (ids and timings aside).
 */
class NotebookParityIT {
    private static final Path SAMPLE =
            Path.of("src", "test", "resources", "notebooks", "sample.ipynb").toAbsolutePath();

    @Test
    void runnerOutputsMatchNbclient() throws Exception {
        KernelFixture fixture = KernelFixture.get();
        Jdk jdk = Jdk.java17();
        String kernel = fixture.kernel(jdk, "signal");
        Path dir = fixture.scratch("parity");
        Path notebook =
                Files.copy(
                        SAMPLE, dir.resolve("sample.ipynb"), StandardCopyOption.REPLACE_EXISTING);
        Path ran = dir.resolve("runner.ipynb");

        KernelFixture.ProcessResult run =
                fixture.tunebook(
                        jdk,
                        dir,
                        "run",
                        notebook.toString(),
                        "--output",
                        ran.toString(),
                        "--allow-errors");
        assertEquals(
                1, run.exitCode(), "the sample's last cell fails on purpose:\n" + run.output());
        assertTrue(run.output().contains("[7/7] cell 9 ... error"), run.output());
        assertTrue(run.output().contains("[1/7] cell 2 ... ok ("), run.output());

        KernelFixture.ProcessResult compared =
                fixture.python(
                        "nbclient_parity.py",
                        Map.of(),
                        kernel,
                        notebook.toString(),
                        ran.toString(),
                        dir.resolve("nbclient.ipynb").toString());
        assertEquals(0, compared.exitCode(), compared.output());
        assertTrue(compared.output().contains("outputs match (7 code cells)"), compared.output());
    }
}
