package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.PackedTokens;
import dev.tunebook.finetune.eval.Perplexity;
import dev.tunebook.finetune.model.CausalLanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Next-token prediction on packed rows (every position trained), for {@link Pretraining}. The
 * validation split {@code val} is a fixed subset of evenly spaced validation rows (all of them when
 * the subset is 0 or larger than the split), {@code val-all} every row. Instances are not
 * thread-safe.
 */
final class PretrainingTask implements TrainingTask {
    static final String VALIDATION = "val";
    static final String VALIDATION_ALL = "val-all";

    private final CausalLanguageModel model;
    private final PackedTokens train;
    private final PackedTokens validation;
    private final int batchSize;
    private final int evalRows;

    PretrainingTask(
            CausalLanguageModel model,
            PackedTokens train,
            PackedTokens validation,
            int batchSize,
            int evalRows) {
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.batchSize = batchSize;
        this.evalRows = evalRows;
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
        return NextTokenLoss.of(model, train.batch(rows, scope));
    }

    @Override
    public double lossWeight(int[] rows) {
        return (double) rows.length * (train.length() - 1);
    }

    @Override
    public long tokens(int[] rows) {
        return (long) rows.length * train.length();
    }

    @Override
    public Map<String, Double> evaluate(String split, Batches done) {
        int[] rows = evaluationRows(VALIDATION_ALL.equals(split) ? 0 : evalRows);
        int batches = (rows.length + batchSize - 1) / batchSize;
        double total = 0;
        try (NoGradient off = new NoGradient()) {
            for (int start = 0; start < rows.length; start += batchSize) {
                int[] batch =
                        java.util.Arrays.copyOfRange(
                                rows, start, Math.min(rows.length, start + batchSize));
                try (NDManager scope = model.manager().newSubManager()) {
                    total +=
                            NextTokenLoss.of(model, validation.batch(batch, scope)).getFloat()
                                    * batch.length;
                }
                done.done(start / batchSize + 1, batches);
            }
        }
        double mean = total / rows.length;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", mean);
        metrics.put(
                "perplexity", Double.isFinite(mean) ? Perplexity.fromMeanNll(mean) : Double.NaN);
        metrics.put("tokens", (double) rows.length * (validation.length() - 1));
        return metrics;
    }

    private int[] evaluationRows(int wanted) {
        int available = validation.rows();
        int n = wanted == 0 ? available : Math.min(wanted, available);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (int) ((long) i * available / n);
        }
        return rows;
    }

    @Override
    public String selectionMetric() {
        return "loss";
    }

    @Override
    public void setTraining(boolean training) {
        model.setTraining(training);
    }

    @Override
    public void save(Path dir) throws IOException {
        TrainableArrays.save(dir, trainable());
    }

    @Override
    public void load(Path dir) throws IOException {
        TrainableArrays.restore(dir, model.manager(), trainable(), model::assign);
    }

    @Override
    public ModelShape shape() {
        var c = model.config();
        return new ModelShape(c.hiddenSize(), c.numLayers(), c.numHeads(), c.vocabSize());
    }

    @Override
    public NDManager manager() {
        return model.manager();
    }

    @Override
    public void close() {}
}
