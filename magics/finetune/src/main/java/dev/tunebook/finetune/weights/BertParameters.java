package dev.tunebook.finetune.weights;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a BERT encoder ({@code BertModel}) by Hugging Face name, with their shapes. */
final class BertParameters {
    private BertParameters() {}

    /** Returns the expected shape of every parameter of a BERT encoder with {@code config}. */
    static Map<String, long[]> expected(ModelConfig config) {
        long h = config.hiddenSize();
        long inner = config.intermediateSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {config.vocabSize(), h});
        shapes.put("embeddings.position_embeddings.weight", new long[] {config.maxPositions(), h});
        shapes.put(
                "embeddings.token_type_embeddings.weight", new long[] {config.typeVocabSize(), h});
        layerNorm(shapes, "embeddings.LayerNorm", h);
        for (int layer = 0; layer < config.numLayers(); layer++) {
            String p = "encoder.layer." + layer + ".";
            for (String projection : new String[] {"query", "key", "value"}) {
                linear(shapes, p + "attention.self." + projection, h, h);
            }
            linear(shapes, p + "attention.output.dense", h, h);
            layerNorm(shapes, p + "attention.output.LayerNorm", h);
            linear(shapes, p + "intermediate.dense", inner, h);
            linear(shapes, p + "output.dense", h, inner);
            layerNorm(shapes, p + "output.LayerNorm", h);
        }
        return shapes;
    }

    private static void linear(Map<String, long[]> shapes, String name, long out, long in) {
        shapes.put(name + ".weight", new long[] {out, in});
        shapes.put(name + ".bias", new long[] {out});
    }

    private static void layerNorm(Map<String, long[]> shapes, String name, long width) {
        shapes.put(name + ".weight", new long[] {width});
        shapes.put(name + ".bias", new long[] {width});
    }
}
