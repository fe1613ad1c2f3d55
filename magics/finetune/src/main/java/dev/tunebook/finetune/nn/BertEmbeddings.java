package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;

/** BERT's input embeddings: word + position + token type, then LayerNorm. */
public final class BertEmbeddings extends Layer {
    /** Creates the embeddings. */
    public BertEmbeddings(
            long vocab, long positions, long typeVocab, long hidden, double eps, double dropout) {
        addChild("word_embeddings", new Embedding(vocab, hidden));
        addChild("position_embeddings", new Embedding(positions, hidden));
        addChild("token_type_embeddings", new Embedding(typeVocab, hidden));
        addChild("LayerNorm", new LayerNorm(hidden, eps));
        addChild("dropout", new Dropout(dropout));
    }

    /** Returns the embedded input; {@code tokenTypeIds} may be {@code null} (all zeros). */
    public NDArray forward(NDArray inputIds, NDArray tokenTypeIds) {
        long length = inputIds.getShape().get(1);
        ((Embedding) child("position_embeddings")).checkPositions(length);
        try (NDArray positions = inputIds.getManager().arange(0, (int) length);
                NDArray rowPositions = positions.expandDims(0);
                NDArray types =
                        tokenTypeIds == null ? inputIds.zerosLike() : tokenTypeIds.duplicate();
                NDArray words = ((Embedding) child("word_embeddings")).forward(inputIds);
                NDArray placed = ((Embedding) child("position_embeddings")).forward(rowPositions);
                NDArray typed = ((Embedding) child("token_type_embeddings")).forward(types);
                NDArray sum = words.add(placed);
                NDArray all = sum.add(typed)) {
            return ((Dropout) child("dropout"))
                    .replacing(((LayerNorm) child("LayerNorm")).forward(all));
        }
    }
}
