package dev.tunebook.finetune.save;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.weights.ModelConfig;
import dev.tunebook.finetune.weights.ModelWeights;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the classifier a run trained as one plain model: its base encoder read afresh from the
 * base folder, the trained weights of the run's checkpoint put in (full fine-tuning), or its LoRA
 * adapter merged (LoRA), and the trained head as {@code classifier} with mean pooling.
 */
final class TrainedClassifier {
    static final List<String> HEAD = List.of("classifier.weight", "classifier.bias");

    private TrainedClassifier() {}

    /**
     * Returns the merged classifier on {@code device}; the caller closes it.
     *
     * @throws IllegalArgumentException if the run trained no classification head, its labels are
     *     unknown, or the base is not a BERT-family encoder
     * @throws IOException naming a file that cannot be read
     */
    static BertModel merged(RunWeights run, Path baseFolder, Device device) throws IOException {
        if (run.labels().isEmpty()) {
            throw new IllegalArgumentException(
                    "run " + run.run().name() + " records no labels: give the dataset");
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (NDManager scratch = NDManager.newBaseManager(device)) {
            ModelWeights base = ModelWeights.load(baseFolder, scratch);
            Map<String, NDArray> trained = Weights.load(run.trainableFile(), scratch);
            if (!trained.keySet().containsAll(HEAD)) {
                throw new IllegalArgumentException(
                        "run "
                                + run.run().name()
                                + " trained no classification head ("
                                + run.trainableFile()
                                + " holds no classifier.weight)");
            }
            base.weights().forEach((name, array) -> keepBase(tensors, name, array));
            if (run.method() == TrainingMethod.FULL) {
                trained.forEach(tensors::put);
            } else {
                HEAD.forEach(name -> tensors.put(name, trained.get(name)));
            }
            ModelConfig config = ClassifierConfig.of(base.config(), run.labels(), baseFolder);
            LanguageModel model =
                    LanguageModel.fromWeights(new ModelWeights(config, tensors), device);
            if (!(model instanceof BertModel bert)) {
                model.close();
                throw new IllegalArgumentException(
                        baseFolder + " is not a BERT-family encoder: cannot hold the head");
            }
            if (run.method() == TrainingMethod.LORA) {
                LoraModel.load(bert, run.adapterFolder()).mergeAndUnload();
            }
            return bert;
        }
    }

    private static void keepBase(Map<String, NDArray> tensors, String name, NDArray array) {
        // The base's own head, if any, is replaced by the trained one.
        if (!name.startsWith("classifier.")) {
            tensors.put(name, array);
        }
    }
}
