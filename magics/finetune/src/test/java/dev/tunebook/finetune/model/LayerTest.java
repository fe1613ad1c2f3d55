package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.nn.Activation;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.nn.LayerGroup;
import dev.tunebook.finetune.nn.Projection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter names and shapes are the Hugging Face ones, and projections can be replaced. */
class LayerTest {
    @Test
    void gpt2NamesAndConv1dLayout() {
        try (NDManager manager = NDManager.newBaseManager();
                Gpt2Model model =
                        new Gpt2Model(
                                manager,
                                50,
                                16,
                                8,
                                2,
                                2,
                                32,
                                1e-5,
                                Activation.GELU_TANH,
                                new long[] {0},
                                0.1,
                                0.1)) {
            Map<String, Shape> shapes = model.parameterShapes();
            assertEquals(new Shape(8, 24), shapes.get("transformer.h.0.attn.c_attn.weight"));
            assertEquals(new Shape(32, 8), shapes.get("transformer.h.1.mlp.c_proj.weight"));
            assertTrue(shapes.containsKey("transformer.ln_f.bias"));
            assertFalse(shapes.containsKey("lm_head.weight"), "GPT-2's head is tied");
            assertEquals(2 + 12 * 2 + 2, shapes.size());
        }
    }

    @Test
    void llamaGroupedQueryShapesAndUntiedHead() {
        try (NDManager manager = NDManager.newBaseManager();
                LlamaModel model =
                        LlamaModel.builder()
                                .setVocabSize(50)
                                .setHiddenSize(16)
                                .setLayers(1)
                                .setHeads(4)
                                .optKvHeads(1)
                                .setIntermediateSize(24)
                                .optAttentionBias(true, false)
                                .build(manager)) {
            Map<String, Shape> shapes = model.parameterShapes();
            assertEquals(new Shape(4, 16), shapes.get("model.layers.0.self_attn.k_proj.weight"));
            assertEquals(new Shape(4), shapes.get("model.layers.0.self_attn.v_proj.bias"));
            assertFalse(shapes.containsKey("model.layers.0.self_attn.o_proj.bias"));
            assertEquals(new Shape(50, 16), shapes.get("lm_head.weight"));
        }
    }

    @Test
    void projectionsCanBeWrappedByName() {
        try (NDManager manager = NDManager.newBaseManager();
                LlamaModel model =
                        LlamaModel.builder()
                                .setVocabSize(50)
                                .setHiddenSize(16)
                                .setLayers(1)
                                .setHeads(4)
                                .setIntermediateSize(24)
                                .build(manager)) {
            Layer attention = model.find("model.layers.0.self_attn");
            Layer original = attention.child("q_proj");
            attention.replaceChild("q_proj", new Doubled((Projection) original));
            assertSame(original, ((Doubled) attention.child("q_proj")).inner);
            assertTrue(
                    model.parameters().containsKey("model.layers.0.self_attn.q_proj.inner.weight"));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> attention.replaceChild("k_proj", new LayerGroup()));
            assertThrows(IllegalArgumentException.class, () -> model.find("model.nope"));
        }
    }

    @Test
    void loadingRejectsAWrongShapeByName() {
        try (NDManager manager = NDManager.newBaseManager();
                LlamaModel model =
                        LlamaModel.builder()
                                .setVocabSize(10)
                                .setHiddenSize(4)
                                .setLayers(1)
                                .setHeads(2)
                                .setIntermediateSize(8)
                                .optTiedHead(true)
                                .build(manager.newSubManager())) {
            Map<String, NDArray> tensors = new java.util.HashMap<>();
            model.parameterShapes().forEach((n, s) -> tensors.put(n, manager.zeros(s)));
            tensors.put("model.norm.weight", manager.zeros(new Shape(5)));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> model.loadWeights(tensors));
            assertTrue(e.getMessage().contains("model.norm.weight"), e.getMessage());
        }
    }

    @Test
    void bareBaseModelCheckpointLoadsUnderThePrefix() {
        try (NDManager manager = NDManager.newBaseManager();
                BertModel model =
                        BertModel.builder()
                                .setVocabSize(10)
                                .setHiddenSize(4)
                                .setLayers(1)
                                .setHeads(2)
                                .setIntermediateSize(8)
                                .build(manager.newSubManager())) {
            Map<String, NDArray> tensors = new java.util.HashMap<>();
            model.parameterShapes()
                    .forEach((n, s) -> tensors.put(n.substring("bert.".length()), manager.ones(s)));
            model.loadWeights(tensors);
            NDArray ids = manager.create(new long[] {1, 2, 3}).expandDims(0);
            NDArray embedding = model.embed(ids, null, Pooling.MEAN);
            assertArrayEquals(new long[] {1, 4}, embedding.getShape().getShape());
        }
    }

    /** A projection wrapper, as LoRA will be. */
    private static final class Doubled extends Layer implements Projection {
        final Projection inner;

        Doubled(Projection inner) {
            this.inner = inner;
            addChild("inner", (Layer) inner);
        }

        @Override
        public NDArray forward(NDArray input) {
            try (NDArray out = inner.forward(input)) {
                return out.mul(2);
            }
        }
    }
}
