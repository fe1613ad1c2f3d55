package dev.tunebook.finetune.bench.llm;

import dev.tunebook.finetune.bench.PythonReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one command of the PyTorch reference {@code llm_reference.py} in its own process (so that
 * its peak RSS is the command's own) and returns its {@code key value} lines. A failing reference
 * stops the bench: the exception carries the command and the script's last lines.
 */
final class TorchLlm {
    private final Path script;
    private final int threads;

    TorchLlm(int threads) {
        this.script = PythonReference.script("llm_reference.py");
        this.threads = threads;
    }

    /** Runs {@code command} with {@code args} and returns its output keys and values. */
    Map<String, String> run(String command, String... args)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(PythonReference.python());
        line.add("-W");
        line.add("ignore");
        line.add(script.toString());
        line.add(command);
        line.add("--threads");
        line.add(String.valueOf(threads));
        line.addAll(List.of(args));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(
                    "the PyTorch reference failed (exit "
                            + p.exitValue()
                            + "): "
                            + String.join(" ", line)
                            + "\n"
                            + out);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String l : out.split("\n")) {
            int space = l.indexOf(' ');
            if (space > 0) {
                values.put(l.substring(0, space), l.substring(space + 1).trim());
            }
        }
        return values;
    }

    /** Returns {@code key} of {@code values} as a number, failing with the output when absent. */
    static double number(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException(
                    "the PyTorch reference printed no " + key + ": " + values);
        }
        return Double.parseDouble(v);
    }
}
