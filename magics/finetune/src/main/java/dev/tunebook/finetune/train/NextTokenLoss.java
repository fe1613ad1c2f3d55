package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.nn.CrossEntropy;

/**
 * The pretraining loss of packed rows, where every position is trained: the mean cross-entropy of
 * each token given the ones before it. It equals {@code model.loss(ids, null, ids)} but applies the
 * head only to the positions that predict a token and needs no mask, which saves autograd nodes and
 * a slice of the largest matrix product.
 */
public final class NextTokenLoss {
    private NextTokenLoss() {}

    /** Returns the mean next-token loss of {@code ids [batch, length]} (length at least 2). */
    public static NDArray of(CausalLanguageModel model, NDArray ids) {
        try (NDArray hidden = model.hiddenStates(ids, null, null);
                NDArray predicting = hidden.get(":, :-1");
                NDArray logits = model.head(predicting);
                NDArray flat = logits.reshape(-1, logits.getShape().get(2));
                NDArray next = ids.get(":, 1:");
                NDArray targets = next.reshape(-1)) {
            return CrossEntropy.classification(flat, targets);
        }
    }
}
