package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import java.util.List;
import java.util.Map;

/**
 * Causal language-model fine-tuning (GPT-2, Llama, Qwen2, Mistral) on tokenised examples whose
 * label mask says which tokens are trained (the assistant's part of a chat). Evaluation reports the
 * token-weighted mean loss and its perplexity. Instances are not thread-safe.
 */
final class CausalTask extends CausalModelTask {
    private static final int EVAL_BATCH = 16;
    private final ExampleBatches data;

    CausalTask(CausalLanguageModel model, LoraModel lora, ExampleBatches data) {
        super(model, lora);
        this.data = data;
    }

    @Override
    public NDArray loss(int[] rows, NDManager scope) {
        NDList inputs = data.train(rows).toNDList(scope);
        return model.loss(inputs.get(0), inputs.get(1), inputs.get(2));
    }

    @Override
    public long tokens(int[] rows) {
        return data.tokens(rows);
    }

    @Override
    public double lossWeight(int[] rows) {
        return predictedTokens(data.train(rows));
    }

    @Override
    public Map<String, Double> evaluate(String split, Batches done) {
        List<Example> examples = data.split(split);
        long[] counted = {0};
        double total =
                EvaluationBatches.sum(
                        examples.size(),
                        EVAL_BATCH,
                        model.manager(),
                        done,
                        (start, end, scope) -> {
                            Batch batch = data.collator().collate(examples.subList(start, end));
                            long n = predictedTokens(batch);
                            if (n == 0) {
                                return 0;
                            }
                            counted[0] += n;
                            NDList in = batch.toNDList(scope);
                            return model.loss(in.get(0), in.get(1), in.get(2)).getFloat() * n;
                        });
        return lossMetrics(counted[0] == 0 ? Double.NaN : total / counted[0]);
    }

    /** Counts the positions whose next token is trained: the terms of the shifted loss. */
    private static long predictedTokens(Batch batch) {
        long n = 0;
        for (int row = 0; row < batch.batchSize(); row++) {
            for (int t = 1; t < batch.length(); t++) {
                n += batch.label(row, t) == Batch.IGNORE_INDEX ? 0 : 1;
            }
        }
        return n;
    }
}
