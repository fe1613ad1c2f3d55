package dev.tunebook.finetune.train;

import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.eval.InferenceProfile;
import dev.tunebook.finetune.eval.InferenceProfiler;
import dev.tunebook.finetune.eval.ModelSize;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.InferenceFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Measures a fine-tune's own inference speed once it is trained, so that {@code %cost} prices it by
 * its own forward pass rather than a baseline's: the model's forward pass on the first {@value
 * #EXAMPLES} examples of the last split (test, else validation, else train), warmed up and repeated
 * (see {@link InferenceProfiler}). A LoRA model is measured unmerged (the adapter applied on the
 * fly) and merged (the update added into the base weights, then taken out again); its top-level
 * figures are the merged form's, as a served model would be merged. Stateless.
 */
final class FinetuneInference {
    /** Examples measured. */
    static final int EXAMPLES = 32;

    private FinetuneInference() {}

    /**
     * Returns the figures of the model {@code task} trained, or null when there is nothing to
     * measure it on or it was interrupted.
     */
    static InferenceFigures measure(TrainingTask task, LanguageModel model, TrainingData data) {
        List<long[]> inputs = inputs(data);
        if (inputs.isEmpty()) {
            return null;
        }
        InferenceProfiler profiler = new InferenceProfiler();
        task.setTraining(false);
        try (NoGradient off = new NoGradient()) {
            LoraModel lora = task.lora();
            if (lora == null) {
                return profiler.profile(model, inputs, ModelSize.mergedTensorBytes(model))
                        .figures();
            }
            InferenceProfile unmerged =
                    profiler.profile(lora.model(), inputs, ModelSize.adapter(lora));
            lora.merge();
            try {
                InferenceFigures merged =
                        profiler.profile(
                                        lora.model(),
                                        inputs,
                                        ModelSize.mergedTensorBytes(lora.model()))
                                .figures();
                return merged.withForms(merged, unmerged.figures());
            } finally {
                lora.unmerge();
            }
        } catch (CancellationException e) {
            return null;
        }
    }

    private static List<long[]> inputs(TrainingData data) {
        List<String> names = data.splitNames();
        for (int i = names.size() - 1; i >= 0; i--) {
            List<Example> examples = data.split(names.get(i));
            if (!examples.isEmpty()) {
                List<long[]> inputs = new ArrayList<>();
                for (Example e : examples.subList(0, Math.min(EXAMPLES, examples.size()))) {
                    long[] ids = new long[e.inputIds().length];
                    for (int t = 0; t < ids.length; t++) {
                        ids[t] = e.inputIds()[t];
                    }
                    inputs.add(ids);
                }
                return inputs;
            }
        }
        return List.of();
    }
}
