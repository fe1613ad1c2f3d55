package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.eval.ClassificationMetrics;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.nn.CrossEntropy;
import dev.tunebook.finetune.nn.OwnedArrays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence classification on a BERT-family encoder: mean pooling over the real tokens and a new
 * linear head ({@link ClassifierHead}), trained in full, with a LoRA adapter, or as a linear probe
 * on cached embeddings of the frozen encoder. A pooler or classifier the checkpoint brings along is
 * not used and stays frozen. Instances are not thread-safe.
 */
final class ClassificationTask implements TrainingTask {
    private static final int EVAL_BATCH = 64;
    private final BertModel encoder;
    private final ClassifierHead head;
    private final LoraModel lora;
    private final EmbeddingCache cache;
    private final ExampleBatches data;

    ClassificationTask(
            BertModel encoder,
            ClassifierHead head,
            LoraModel lora,
            ExampleBatches data,
            boolean cached) {
        this.encoder = encoder;
        this.head = head;
        this.lora = lora;
        this.data = data;
        this.cache = cached ? new EmbeddingCache(encoder, data.collator()) : null;
    }

    @Override
    public Map<String, NDArray> trainable() {
        Map<String, NDArray> trainable = TrainableWeights.of(encoder.weights());
        trainable.putAll(head.arrays());
        return trainable;
    }

    @Override
    public long totalParameters() {
        return head.size() + TrainableWeights.count(encoder.weights());
    }

    @Override
    public double lossWeight(int[] rows) {
        return rows.length;
    }

    @Override
    public NDArray loss(int[] rows, NDManager scope) {
        List<Example> train = data.split(TrainingData.TRAIN);
        long[] labels = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = train.get(rows[i]).classLabel();
        }
        NDArray logits = head.forward(pooled(TrainingData.TRAIN, train, rows, scope));
        return CrossEntropy.classification(logits, OwnedArrays.of(scope, labels));
    }

    private NDArray pooled(String split, List<Example> examples, int[] rows, NDManager scope) {
        if (cache != null) {
            return cache.rows(split, examples, rows, scope);
        }
        NDList inputs =
                data.collator().collate(ExampleBatches.pick(examples, rows)).toNDList(scope);
        return encoder.embed(inputs.get(0), inputs.get(1), Pooling.MEAN);
    }

    @Override
    public long tokens(int[] rows) {
        return data.tokens(rows);
    }

    @Override
    public Map<String, Double> evaluate(String split, Batches done) {
        List<Example> examples = data.split(split);
        List<String> names = data.data().labelNames();
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        double lossSum =
                EvaluationBatches.sum(
                        examples.size(),
                        EVAL_BATCH,
                        encoder.manager(),
                        done,
                        (start, end, scope) -> {
                            int[] rows = range(start, end);
                            NDArray logits = head.forward(pooled(split, examples, rows, scope));
                            long[] labels = new long[rows.length];
                            for (int i = 0; i < rows.length; i++) {
                                labels[i] = examples.get(rows[i]).classLabel();
                                gold.add(names.get((int) labels[i]));
                            }
                            float loss =
                                    CrossEntropy.classification(
                                                    logits, OwnedArrays.of(scope, labels))
                                            .getFloat();
                            for (long id : logits.argMax(1).toLongArray()) {
                                predicted.add(names.get((int) id));
                            }
                            return loss * rows.length;
                        });
        Map<String, Double> metrics =
                new LinkedHashMap<>(ClassificationMetrics.of(gold, predicted, names).summary());
        metrics.put("loss", lossSum / examples.size());
        return metrics;
    }

    private static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }

    @Override
    public String selectionMetric() {
        return "accuracy";
    }

    @Override
    public void setTraining(boolean training) {
        // A cached encoder stays in evaluation mode: its embeddings are computed once, without
        // dropout, as a frozen feature extractor's are.
        boolean active = training && cache == null;
        encoder.setTraining(active);
        if (lora != null) {
            lora.setTraining(active);
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        TrainableArrays.save(dir, trainable());
        if (lora != null) {
            // The head trains in full beside the adapter: PEFT saves it as a module to save.
            lora.save(dir.resolve("adapter"), head.arrays(), "SEQ_CLS");
        }
    }

    @Override
    public void load(Path dir) throws IOException {
        TrainableArrays.restore(
                dir,
                encoder.manager(),
                trainable(),
                (name, array) -> {
                    if (name.startsWith(ClassifierHead.PREFIX)) {
                        head.assign(name, array);
                    } else {
                        encoder.assign(name, array);
                    }
                });
    }

    /** Returns how many batches the encoder embedded for the cache (0 without a cache). */
    int encoderCalls() {
        return cache == null ? 0 : cache.encoderCalls();
    }

    @Override
    public ModelShape shape() {
        var c = encoder.config();
        return c == null
                ? new ModelShape(0, 0, 0, 0)
                : new ModelShape(
                        c.hiddenSize(), c.numLayers(), c.numHeads(), 0, c.intermediateSize());
    }

    @Override
    public LoraModel lora() {
        return lora;
    }

    @Override
    public NDManager manager() {
        return encoder.manager();
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }
}
