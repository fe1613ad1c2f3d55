package dev.tunebook.finetune.bench.llm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one phase of the bench in a fresh JVM with this one's options and classpath, its output
 * passed through: a peak RSS measured after an earlier phase in the same process counted the memory
 * that phase's allocator kept (a LoRA step after two loads read 5.9 GiB instead of 4.4 GiB).
 */
final class PhaseProcess {
    private PhaseProcess() {}

    static void run(String[] args, String phase, String childProperty)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + childProperty + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LlmScaleBench.class.getName());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only")) {
                i++;
            } else {
                command.add(args[i]);
            }
        }
        command.add("--only");
        command.add(phase);
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("the " + phase + " phase exited with status " + status);
        }
    }
}
