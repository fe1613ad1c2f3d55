package dev.tunebook.finetune.bench.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A published checkpoint's layout: its {@code config.json} as published on the Hugging Face hub,
 * the fixture tokenizer that matches it, and how its safetensors are split.
 *
 * <p>The configs are the published ones field for field (Qwen2.5: {@code Qwen/Qwen2.5-0.5B} and
 * {@code Qwen/Qwen2.5-1.5B}; {@code meta-llama/Llama-3.2-1B}, with its {@code llama3} RoPE scaling;
 * {@code mistralai/Mistral-7B-v0.1}). The published checkpoints of the first three are one {@code
 * model.safetensors}; Mistral-7B-v0.1's is two shards with an index, the first of 9.94 GB.
 */
enum PublishedShape {
    QWEN2_5_0_5B("qwen2.5-0.5b", PublishedConfigs.QWEN2_5_0_5B, "qwen3", 0),
    QWEN2_5_1_5B("qwen2.5-1.5b", PublishedConfigs.QWEN2_5_1_5B, "qwen3", 0),
    LLAMA_3_2_1B("llama-3.2-1b", PublishedConfigs.LLAMA_3_2_1B, "llama2", 0),
    MISTRAL_7B("mistral-7b", PublishedConfigs.MISTRAL_7B, "llama2", 9_942_981_696L);

    private final String id;
    private final String config;
    private final String tokenizer;
    private final long shardBytes;

    PublishedShape(String id, String config, String tokenizer, long shardBytes) {
        this.id = id;
        this.config = config;
        this.tokenizer = tokenizer;
        this.shardBytes = shardBytes;
    }

    /** Returns the shape named {@code id} ({@code qwen2.5-0.5b}, ...), naming the known ones. */
    static PublishedShape of(String id) {
        for (PublishedShape shape : values()) {
            if (shape.id.equals(id.toLowerCase(Locale.ROOT))) {
                return shape;
            }
        }
        throw new IllegalArgumentException(
                "unknown shape '"
                        + id
                        + "' (known: "
                        + Arrays.stream(values()).map(s -> s.id).collect(Collectors.joining(", "))
                        + ")");
    }

    String id() {
        return id;
    }

    /** Returns the published {@code config.json} text. */
    String config() {
        return config;
    }

    /**
     * Returns the fixture tokenizer folder under {@code tokenizers/}: Qwen3's tokenizer is
     * Qwen2.5's byte-level BPE (the same 151,643 merged tokens; Qwen3 adds special tokens inside
     * the padded 151,936 rows). The fixtures hold no Llama 3 or Mistral tokenizer; Llama 2's
     * SentencePiece BPE (32,000 tokens) stands in, which is Mistral-7B-v0.1's size but not Llama
     * 3's 128,256.
     */
    String tokenizer() {
        return tokenizer;
    }

    /** Returns the largest shard in bytes, or 0 when the checkpoint is one file. */
    long shardBytes() {
        return shardBytes;
    }
}
