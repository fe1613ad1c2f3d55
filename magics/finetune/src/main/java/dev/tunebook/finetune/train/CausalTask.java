package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.data.Collator;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.eval.Perplexity;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Causal language-model fine-tuning (GPT-2, Llama, Qwen2, Mistral) on tokenised examples whose
 * label mask says which tokens are trained (the assistant's part of a chat). Evaluation reports the
 * token-weighted mean loss and its perplexity. Instances are not thread-safe.
 */
final class CausalTask implements TrainingTask {
    private static final int EVAL_BATCH = 16;
    private final CausalLanguageModel model;
    private final LoraModel lora;
    private final TrainingData data;
    private final Collator collator;

    CausalTask(CausalLanguageModel model, LoraModel lora, TrainingData data, Collator collator) {
        this.model = model;
        this.lora = lora;
        this.data = data;
        this.collator = collator;
    }

    @Override
    public Map<String, NDArray> trainable() {
        return TrainableWeights.of(model.weights());
    }

    @Override
    public long totalParameters() {
        return TrainableWeights.count(model.weights());
    }

    @Override
    public NDArray loss(int[] rows, NDManager scope) {
        NDList inputs = batch(data.split(TrainingData.TRAIN), rows).toNDList(scope);
        return model.loss(inputs.get(0), inputs.get(1), inputs.get(2));
    }

    private Batch batch(List<Example> examples, int[] rows) {
        List<Example> picked = new ArrayList<>(rows.length);
        for (int row : rows) {
            picked.add(examples.get(row));
        }
        return collator.collate(picked);
    }

    @Override
    public double lossWeight(int[] rows) {
        return predictedTokens(batch(data.split(TrainingData.TRAIN), rows));
    }

    @Override
    public long tokens(int[] rows) {
        List<Example> train = data.split(TrainingData.TRAIN);
        long tokens = 0;
        for (int row : rows) {
            tokens += Math.min(collator.maxLength(), train.get(row).length());
        }
        return tokens;
    }

    @Override
    public Map<String, Double> evaluate(String split, Batches done) {
        List<Example> examples = data.split(split);
        double total = 0;
        long counted = 0;
        int batches = (examples.size() + EVAL_BATCH - 1) / EVAL_BATCH;
        try (NoGradient off = new NoGradient()) {
            for (int start = 0; start < examples.size(); start += EVAL_BATCH) {
                int end = Math.min(examples.size(), start + EVAL_BATCH);
                Batch batch = collator.collate(examples.subList(start, end));
                long n = predictedTokens(batch);
                if (n > 0) {
                    try (NDManager scope = model.manager().newSubManager()) {
                        NDList in = batch.toNDList(scope);
                        total += model.loss(in.get(0), in.get(1), in.get(2)).getFloat() * n;
                        counted += n;
                    }
                }
                done.done(start / EVAL_BATCH + 1, batches);
            }
        }
        double loss = counted == 0 ? Double.NaN : total / counted;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        // A diverged model gives a NaN loss; the training loop reports that, so no throw here.
        metrics.put(
                "perplexity", Double.isFinite(loss) ? Perplexity.fromMeanNll(loss) : Double.NaN);
        return metrics;
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

    @Override
    public String selectionMetric() {
        return "loss";
    }

    @Override
    public void setTraining(boolean training) {
        model.setTraining(training);
        if (lora != null) {
            lora.setTraining(training);
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        TrainableArrays.save(dir, trainable(), lora);
    }

    @Override
    public void load(Path dir) throws IOException {
        TrainableArrays.restore(dir, model.manager(), trainable(), model::assign);
    }

    @Override
    public ModelShape shape() {
        var c = model.config();
        return c == null
                ? new ModelShape(0, 0, 0, 0)
                : new ModelShape(c.hiddenSize(), c.numLayers(), c.numHeads(), c.vocabSize());
    }

    @Override
    public LoraModel lora() {
        return lora;
    }

    @Override
    public NDManager manager() {
        return model.manager();
    }

    @Override
    public void close() {}
}
