package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.eval.Perplexity;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What fine-tuning ({@link CausalTask}) and pretraining ({@link PretrainingTask}) a causal language
 * model share: the trainable weights, optionally behind a LoRA adapter, saving and restoring them,
 * and a mean loss reported with its perplexity. Subclasses batch and weigh their own rows.
 * Instances are not thread-safe.
 */
abstract class CausalModelTask implements TrainingTask {
    /** The model trained. */
    final CausalLanguageModel model;

    private final LoraModel lora;

    CausalModelTask(CausalLanguageModel model, LoraModel lora) {
        this.model = model;
        this.lora = lora;
    }

    /** Returns {@code loss} (a mean next-token loss) and its perplexity, in that order. */
    static Map<String, Double> lossMetrics(double loss) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        // A diverged model gives a NaN loss; the training loop reports that, so no throw here.
        metrics.put(
                "perplexity", Double.isFinite(loss) ? Perplexity.fromMeanNll(loss) : Double.NaN);
        return metrics;
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
                : new ModelShape(
                        c.hiddenSize(),
                        c.numLayers(),
                        c.numHeads(),
                        c.vocabSize(),
                        c.intermediateSize());
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
