package dev.tunebook.finetune.bench.llm;

import java.nio.file.Path;

/**
 * The options of {@link LlmScaleBench}.
 *
 * @param shape the published shape's id
 * @param steps LoRA steps timed
 * @param warmup LoRA steps before timing
 * @param repeats generation runs per batch size (median)
 * @param threads torch threads on both sides
 * @param only the phases to run, comma-separated
 * @param dir where generated folders go
 * @param folder a model folder to measure instead of a generated shape, or null
 */
record BenchOptions(
        String shape,
        int steps,
        int warmup,
        int repeats,
        int threads,
        String only,
        Path dir,
        Path folder) {

    static BenchOptions parse(String[] args) {
        String shape = null;
        int steps = 3;
        int warmup = 1;
        int repeats = 1;
        int threads = 2;
        String only = "load,lora,generate";
        Path dir = Path.of("target/llm-shapes");
        Path folder = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i++]) {
                case "--shape" -> shape = value;
                case "--steps" -> steps = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--only" -> only = value;
                case "--dir" -> dir = Path.of(value);
                case "--folder" -> folder = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        if (shape == null && folder == null) {
            throw new IllegalArgumentException(
                    "usage: LlmScaleBench --shape qwen2.5-0.5b|qwen2.5-1.5b|llama-3.2-1b"
                            + " [--steps N] [--warmup W] [--repeats R] [--only load,lora,generate]"
                            + " [--dir DIR] | --folder MODEL_FOLDER ...");
        }
        return new BenchOptions(
                shape, steps, warmup, repeats, threads, only, dir.toAbsolutePath(), folder);
    }
}
