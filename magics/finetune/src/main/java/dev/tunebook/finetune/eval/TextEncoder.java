package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.List;

/**
 * Embeds texts with a BERT-family encoder as sentence-transformers does: mean pooling over the
 * attention mask, then L2 normalisation, so the dot product of two embeddings is their cosine.
 *
 * <p>Texts are tokenised with the special tokens, truncated (256 tokens by default, as
 * sentence-transformers' all-MiniLM-L6-v2), sorted by length and run in padded batches. Instances
 * are not thread-safe (they share the model).
 */
public final class TextEncoder {
    private final BertModel model;
    private final Tokenizer tokenizer;
    private final EncoderBatches batches;
    private final Pooling pooling;

    /** Creates a mean-pooling encoder running batches of 64 texts of at most 256 tokens. */
    public TextEncoder(BertModel model, Tokenizer tokenizer) {
        this(model, tokenizer, 64, 256, Pooling.MEAN);
    }

    /**
     * Creates an encoder with the given batch size, token limit per text and pooling ({@code CLS}
     * takes the first token's hidden state instead of the mean).
     */
    public TextEncoder(
            BertModel model, Tokenizer tokenizer, int batchSize, int maxLength, Pooling pooling) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.batches = new EncoderBatches(model, tokenizer, batchSize, maxLength);
        this.pooling = pooling;
    }

    /** Returns the encoder model. */
    public BertModel model() {
        return model;
    }

    /** Returns the tokenizer. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Returns one unit-length embedding per text, in the order given. */
    public float[][] embed(List<String> texts) {
        float[][] pooled = batches.apply(texts, (ids, mask) -> model.embed(ids, mask, pooling));
        for (int i = 0; i < pooled.length; i++) {
            pooled[i] = Vectors.normalised(pooled[i]);
        }
        return pooled;
    }

    /** Returns the unit-length embedding of one text. */
    public float[] embed(String text) {
        return embed(List.of(text))[0];
    }
}
