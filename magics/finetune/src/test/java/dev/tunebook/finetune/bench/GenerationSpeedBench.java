package dev.tunebook.finetune.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LlamaShape;
import dev.tunebook.finetune.model.RandomWeights;
import dev.tunebook.finetune.nn.OwnedArrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How fast tunebook's default causal LM shape generates (hidden 256, 8 layers, 4 heads, 2 key-value
 * heads, intermediate 688, vocabulary 8192, tied; random weights, greedy, no end-of-sequence stop
 * so every row makes every token): new tokens per second with the KV cache ({@code
 * CausalLanguageModel.generate}) at each batch size, and, for comparison, the same greedy loop that
 * runs the whole sequence again for every token (no cache). Prompts are random ids; one warm-up run
 * per setting is not counted. Prints the load average before and after: on a shared machine the
 * numbers are what the run got, not what the cores can do.
 *
 * <p>{@code ./tunebook bench GenerationSpeedBench [promptTokens [newTokens [batch,...]]]}, default
 * {@code 64 64 1,8}.
 */
public final class GenerationSpeedBench {
    private static final int VOCAB = 8192;
    private static final long NEVER = -1;

    private GenerationSpeedBench() {}

    public static void main(String[] args) throws Exception {
        int promptTokens = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int newTokens = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        List<String> batches = List.of((args.length > 2 ? args[2] : "1,8").split(","));
        System.out.printf(
                "load average %s; %d cores; PyTorch %s; prompt %d tokens, %d new tokens%n",
                load(),
                Runtime.getRuntime().availableProcessors(),
                Engine.getInstance().getVersion(),
                promptTokens,
                newTokens);
        LlamaShape shape = new LlamaShape(VOCAB, 256, 8, 4, 2, 688, 512);
        try (CausalLanguageModel model =
                RandomWeights.create(
                        shape.toConfig(List.of(0, 2), 3),
                        Device.cpu(),
                        1,
                        LlamaShape.INITIALIZER_RANGE)) {
            for (String b : batches) {
                int batch = Integer.parseInt(b.trim());
                long[][] prompts = prompts(batch, promptTokens);
                GenerationOptions options =
                        GenerationOptions.builder()
                                .optMaxNewTokens(newTokens)
                                .optEosTokenIds(NEVER)
                                .build();
                model.generate(prompts, options);
                long start = System.nanoTime();
                model.generate(prompts, options);
                double cached = (System.nanoTime() - start) / 1e9;
                withoutCache(model, prompts, 2);
                start = System.nanoTime();
                withoutCache(model, prompts, newTokens);
                double uncached = (System.nanoTime() - start) / 1e9;
                double tokens = (double) batch * newTokens;
                System.out.printf(
                        Locale.ROOT,
                        "batch %d: KV cache %.1f new tok/s (%.1f ms a step); no cache %.1f new"
                                + " tok/s; cache speed-up %.1fx%n",
                        batch,
                        tokens / cached,
                        1000 * cached / newTokens,
                        tokens / uncached,
                        uncached / cached);
            }
        }
        System.out.printf("load average %s%n", load());
    }

    private static long[][] prompts(int batch, int length) {
        Random random = new Random(11);
        long[][] out = new long[batch][length];
        for (long[] row : out) {
            for (int i = 0; i < length; i++) {
                row[i] = 3 + random.nextInt(VOCAB - 3);
            }
        }
        return out;
    }

    /** Greedy decoding that runs the full, growing sequence through the model for each token. */
    private static void withoutCache(CausalLanguageModel model, long[][] prompts, int newTokens) {
        int batch = prompts.length;
        int length = prompts[0].length;
        long[] ids = new long[batch * (length + newTokens)];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(prompts[r], 0, ids, r * (length + newTokens), length);
        }
        for (int t = length; t < length + newTokens; t++) {
            try (NDManager scope = model.manager().newSubManager()) {
                long[] current = new long[batch * t];
                for (int r = 0; r < batch; r++) {
                    System.arraycopy(ids, r * (length + newTokens), current, r * t, t);
                }
                NDArray input = OwnedArrays.of(scope, current, new Shape(batch, t));
                NDArray mask = scope.ones(new Shape(batch, t), ai.djl.ndarray.types.DataType.INT64);
                NDArray logits = model.forward(input, mask);
                long[] next = logits.get(":, -1, :").argMax(-1).toLongArray();
                for (int r = 0; r < batch; r++) {
                    ids[r * (length + newTokens) + t] = next[r];
                }
            }
        }
    }

    private static String load() throws java.io.IOException {
        Path file = Path.of("/proc/loadavg");
        return Files.isReadable(file) ? Files.readString(file).split(" ")[0] : "unknown";
    }
}
