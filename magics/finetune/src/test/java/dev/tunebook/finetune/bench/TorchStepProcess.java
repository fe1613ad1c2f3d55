package dev.tunebook.finetune.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The PyTorch eager reference step, {@code minilm_train_step.py --serve}, run as a child process
 * that takes one step per request, so that the benchmark can alternate engines step by step and
 * load from other processes hits both alike. The child inherits this process's environment ({@code
 * OMP_WAIT_POLICY} included).
 *
 * <p>Instances are not thread-safe.
 */
final class TorchStepProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader replies;
    private final Writer requests;
    private final String banner;

    TorchStepProcess(String python, Path script, int threads, int batch, int length, String device)
            throws IOException {
        process =
                new ProcessBuilder(
                                List.of(
                                        python,
                                        script.toString(),
                                        "--serve",
                                        "--threads",
                                        String.valueOf(threads),
                                        "--batch",
                                        String.valueOf(batch),
                                        "--length",
                                        String.valueOf(length),
                                        "--device",
                                        device))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        replies =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        banner = readLine();
    }

    /** Returns the child's first line: "ready", the torch version and its thread count. */
    String banner() {
        return banner;
    }

    /** Runs one step and returns the child's "wall_ms cpu_ms" reply as numbers. */
    double[] step() throws IOException {
        requests.write("step\n");
        requests.flush();
        String[] parts = readLine().trim().split("\\s+");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    private String readLine() throws IOException {
        String line = replies.readLine();
        if (line == null) {
            throw new IOException("the PyTorch step process exited: " + process.toString());
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        requests.close();
        process.destroy();
    }
}
