package dev.tunebook.finetune.bench.llm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.nn.OwnedArrays;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The bench's self-check that tunebook and the PyTorch reference compute the same thing: logits of
 * the same ids on tiny models must agree within 1e-4 — the tiny-qwen2 fixture (biases, tied head),
 * tiny-llama with its LoRA adapter, and a generated tiny Llama with {@code llama3} RoPE scaling in
 * two shards. Without it a ratio could compare two different computations.
 */
final class ParityCheck {
    static final double TOLERANCE = 1e-4;

    /** A tiny Llama 3.2-like config: llama3 RoPE, tied head, 8-wide heads, two shards. */
    static final String TINY_LLAMA3 =
            """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 32,
             "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
             "num_key_value_heads": 2, "head_dim": 8, "vocab_size": 300, "rms_norm_eps": 1e-05,
             "rope_theta": 500000.0, "max_position_embeddings": 131072,
             "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
              "original_max_position_embeddings": 8192, "rope_type": "llama3"},
             "tie_word_embeddings": true, "bos_token_id": 1, "eos_token_id": 2}
            """;

    private ParityCheck() {}

    /**
     * Runs the three cases and returns one line per case.
     *
     * @throws IllegalStateException when a case differs by more than {@link #TOLERANCE}
     */
    static String run(TorchLlm torch, Path fixtures, Path scratch) throws Exception {
        Path llama3 =
                ShapeFolder.write(scratch.resolve("tiny-llama3"), TINY_LLAMA3, 40_000, null, 3);
        StringJoiner lines = new StringJoiner("\n");
        lines.add(compare(torch, fixtures.resolve("models/tiny-qwen2"), null, scratch));
        lines.add(
                compare(
                        torch,
                        fixtures.resolve("models/tiny-llama"),
                        fixtures.resolve("adapters/tiny-llama-lora"),
                        scratch));
        lines.add(compare(torch, llama3, null, scratch));
        return lines.toString();
    }

    private static String compare(TorchLlm torch, Path model, Path adapter, Path scratch)
            throws Exception {
        long[] ids = {1, 17, 42, 250, 7, 99, 3, 128, 64, 5, 200, 11};
        StringJoiner csv = new StringJoiner(",");
        for (long id : ids) {
            csv.add(String.valueOf(id));
        }
        Path out = scratch.resolve("parity-logits.bin");
        if (adapter == null) {
            torch.run(
                    "logits",
                    "--model",
                    model.toString(),
                    "--ids",
                    csv.toString(),
                    "--out",
                    out.toString());
        } else {
            torch.run(
                    "logits",
                    "--model",
                    model.toString(),
                    "--adapter",
                    adapter.toString(),
                    "--ids",
                    csv.toString(),
                    "--out",
                    out.toString());
        }
        float[] expected = floats(out);
        float[] actual = tunebook(model, adapter, ids);
        if (actual.length != expected.length) {
            throw new IllegalStateException(
                    "parity " + model + ": " + actual.length + " logits vs " + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        String line =
                String.format(
                        Locale.ROOT,
                        "parity %s%s: max |tunebook - PyTorch| = %.2e over %d logits",
                        model.getFileName(),
                        adapter == null ? "" : " + " + adapter.getFileName(),
                        worst,
                        actual.length);
        if (!(worst <= TOLERANCE)) {
            throw new IllegalStateException(line + " > " + TOLERANCE + ": no ratios reported");
        }
        return line;
    }

    private static float[] tunebook(Path folder, Path adapter, long[] ids) throws IOException {
        try (LanguageModel model = LanguageModel.load(folder, Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            if (adapter != null) {
                LoraModel.load(model, adapter);
            }
            NDArray input = OwnedArrays.of(scope, ids, new Shape(1, ids.length));
            long[] ones = new long[ids.length];
            java.util.Arrays.fill(ones, 1);
            NDArray mask = OwnedArrays.of(scope, ones, new Shape(1, ids.length));
            return model.forward(input, mask).toFloatArray();
        }
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }
}
