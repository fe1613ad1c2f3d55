package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.PackedTokens;
import dev.tunebook.finetune.model.CausalLanguageModel;
import java.util.Arrays;
import java.util.Map;

/**
 * Next-token prediction on packed rows (every position trained), for {@link Pretraining}. The
 * validation split {@code val} is a fixed subset of evenly spaced validation rows (all of them when
 * the subset is 0 or larger than the split), {@code val-all} every row. Instances are not
 * thread-safe.
 */
final class PretrainingTask extends CausalModelTask {
    static final String VALIDATION = "val";
    static final String VALIDATION_ALL = "val-all";

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
        super(model, null);
        this.train = train;
        this.validation = validation;
        this.batchSize = batchSize;
        this.evalRows = evalRows;
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
        double total =
                EvaluationBatches.sum(
                        rows.length,
                        batchSize,
                        model.manager(),
                        done,
                        (start, end, scope) -> {
                            int[] batch = Arrays.copyOfRange(rows, start, end);
                            return NextTokenLoss.of(model, validation.batch(batch, scope))
                                            .getFloat()
                                    * batch.length;
                        });
        Map<String, Double> metrics = lossMetrics(total / rows.length);
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
}
