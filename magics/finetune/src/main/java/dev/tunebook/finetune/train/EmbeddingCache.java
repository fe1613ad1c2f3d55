package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.data.Collator;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.nn.OwnedArrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean-pooled sentence embeddings of a frozen encoder, computed once per split and kept on the
 * model's device, so that training a head on them costs one small matrix product per step.
 * Instances are not thread-safe; {@link #close} frees the embeddings.
 */
final class EmbeddingCache implements AutoCloseable {
    private static final int BATCH = 64;
    private final BertModel encoder;
    private final Collator collator;
    private final NDManager manager;
    private final Map<String, NDArray> splits = new HashMap<>();
    private int encoderCalls;

    EmbeddingCache(BertModel encoder, Collator collator) {
        this.encoder = encoder;
        this.collator = collator;
        this.manager = encoder.manager().newSubManager();
    }

    /** Returns the embeddings of rows {@code rows} of {@code split}, in {@code scope}. */
    NDArray rows(String split, List<Example> examples, int[] rows, NDManager scope) {
        NDArray all = splits.computeIfAbsent(split, s -> embedAll(examples));
        long[] index = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            index[i] = rows[i];
        }
        NDArray picked = all.get(new NDIndex("{}", OwnedArrays.of(scope, index)));
        picked.attach(scope);
        return picked;
    }

    private NDArray embedAll(List<Example> examples) {
        NDList parts = new NDList();
        try (NoGradient off = new NoGradient()) {
            for (int start = 0; start < examples.size(); start += BATCH) {
                List<Example> slice =
                        examples.subList(start, Math.min(examples.size(), start + BATCH));
                parts.add(embed(collator.collate(slice)));
            }
        }
        NDArray all = NDArrays.concat(parts, 0);
        all.attach(manager);
        parts.close();
        return all;
    }

    private NDArray embed(Batch batch) {
        encoderCalls++;
        try (NDManager scope = manager.newSubManager()) {
            NDList inputs = batch.toNDList(scope);
            NDArray pooled = encoder.embed(inputs.get(0), inputs.get(1), Pooling.MEAN);
            pooled.attach(manager);
            return pooled;
        }
    }

    /** Returns how many batches went through the encoder so far. */
    int encoderCalls() {
        return encoderCalls;
    }

    @Override
    public void close() {
        splits.clear();
        manager.close();
    }
}
