package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.data.Collator;
import dev.tunebook.finetune.lora.BaseModelName;
import dev.tunebook.finetune.lora.LoraConfig;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import java.util.List;
import java.util.Map;

/** Creates the {@link TrainingTask} that fits a model, its data and the method. */
final class TrainingTasks {
    private TrainingTasks() {}

    static TrainingTask create(
            LanguageModel model, TrainingData data, TrainingConfig config, Seed seed, int padId) {
        return create(model, data, config, seed, padId, null);
    }

    /**
     * Returns the task; {@code source}, where the model came from (or null), becomes a LoRA
     * adapter's {@code base_model_name_or_path}.
     */
    static TrainingTask create(
            LanguageModel model,
            TrainingData data,
            TrainingConfig config,
            Seed seed,
            int padId,
            String source) {
        Collator collator =
                Collator.builder()
                        .setPadId(padId)
                        .optMaxLength(config.batching().maxLength())
                        .build();
        TrainingMethod method = config.method();
        if (data.isClassification()) {
            if (!(model instanceof BertModel encoder)) {
                throw new IllegalArgumentException(
                        "classification trains a BERT-family encoder (BERT, MiniLM); "
                                + model.getClass().getSimpleName()
                                + " is a causal model: give a %%prompt to train it on chat data");
            }
            ClassifierHead head =
                    new ClassifierHead(
                            model.manager(),
                            model.config().hiddenSize(),
                            data.labelNames().size(),
                            seed.random("head"));
            LoraModel lora = prepare(model, config, seed, List.of("query", "value"), source, null);
            freezeUnused(model);
            return new ClassificationTask(
                    encoder,
                    head,
                    lora,
                    new ExampleBatches(data, collator),
                    method == TrainingMethod.HEAD);
        }
        if (!(model instanceof CausalLanguageModel causal)) {
            throw new IllegalArgumentException(
                    "chat, instruction and completion data train a causal model (GPT-2, Llama,"
                            + " Qwen2, Mistral), not "
                            + model.getClass().getSimpleName());
        }
        if (method == TrainingMethod.HEAD) {
            throw new IllegalArgumentException(
                    "method: head trains a classifier on a frozen encoder; use full or lora for a"
                            + " causal model");
        }
        return new CausalTask(
                causal,
                prepare(model, config, seed, causalTargets(model), source, "CAUSAL_LM"),
                new ExampleBatches(data, collator));
    }

    /**
     * Sets which parameters train; returns the LoRA model for method lora, else null. A classifier
     * gets no task type here: {@code SEQ_CLS} would make the base's own head, which the new head
     * replaces, a module to save; its checkpoints are saved as {@code SEQ_CLS} with the new head.
     */
    private static LoraModel prepare(
            LanguageModel model,
            TrainingConfig config,
            Seed seed,
            List<String> defaultTargets,
            String source,
            String taskType) {
        Map<String, NDArray> weights = model.weights();
        switch (config.method()) {
            case HEAD -> weights.values().forEach(a -> a.setRequiresGradient(false));
            case FULL -> ParameterFilter.firstLayers(config.freezeLayers()).apply(weights);
            case LORA -> {
                LoraConfig lora =
                        config.lora().toBuilder()
                                .setTargetModules(
                                        config.lora().hasTargets()
                                                ? config.lora().targetModules()
                                                : defaultTargets)
                                .optTaskType(taskType)
                                .optBaseModel(source == null ? null : BaseModelName.of(source))
                                .build();
                return LoraModel.apply(model, lora, seed.derive("lora"));
            }
        }
        if (config.method() == TrainingMethod.FULL && config.freezeLayers() == 0) {
            weights.values().forEach(a -> a.setRequiresGradient(true));
        }
        return null;
    }

    /** Freezes the pooler and classifier of a checkpoint: the new head replaces them. */
    private static void freezeUnused(LanguageModel model) {
        model.weights()
                .forEach(
                        (name, array) -> {
                            if (name.startsWith("bert.pooler.") || name.startsWith("classifier.")) {
                                array.setRequiresGradient(false);
                            }
                        });
    }

    private static List<String> causalTargets(LanguageModel model) {
        String type = model.config() == null ? "" : model.config().modelType();
        return "gpt2".equals(type) ? List.of("c_attn") : List.of("q_proj", "v_proj");
    }
}
