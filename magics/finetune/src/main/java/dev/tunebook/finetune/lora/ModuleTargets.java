package dev.tunebook.finetune.lora;

import dev.tunebook.finetune.nn.Conv1D;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.nn.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The modules of a model that a {@link LoraConfig} selects, found by PEFT's rules: LoRA targets by
 * name (the whole name, or its last dotted parts) or pattern, {@code modules_to_save} by name; a
 * module saved in full is not searched further.
 */
record ModuleTargets(List<String> lora, List<String> savedInFull) {
    /**
     * Returns {@code config} with {@code fan_in_fan_out} set as the targets' weight layout
     * requires, as PEFT corrects it: true for GPT-2's Conv1D, false for linear layers.
     */
    LoraConfig fitLayout(Layer root, LoraConfig config) {
        boolean conv = root.find(lora.get(0)) instanceof Conv1D;
        return conv == config.fanInFanOut()
                ? config
                : config.toBuilder().optFanInFanOut(conv).build();
    }

    /**
     * Finds the targets of {@code config} in {@code root}.
     *
     * @throws IllegalArgumentException if no module is a LoRA target, or a named target is a kind
     *     of layer LoRA cannot wrap
     * @throws IllegalStateException if the model already carries an adapter
     */
    static ModuleTargets find(Layer root, LoraConfig config) {
        ModuleTargets found = new ModuleTargets(new ArrayList<>(), new ArrayList<>());
        List<String> projections = new ArrayList<>();
        found.walk(root, "", config, projections);
        if (found.lora.isEmpty()) {
            Object wanted = config.targetPattern().orElse(config.targetModules().toString());
            throw new IllegalArgumentException(
                    "Target modules "
                            + wanted
                            + " not found in the base model; its projections are named like "
                            + projections.subList(0, Math.min(6, projections.size())));
        }
        return new ModuleTargets(List.copyOf(found.lora), List.copyOf(found.savedInFull));
    }

    private void walk(Layer layer, String prefix, LoraConfig config, List<String> projections) {
        for (Map.Entry<String, Layer> e : layer.children().entrySet()) {
            String name = prefix + e.getKey();
            Layer child = e.getValue();
            if (child instanceof LoraLinear || child instanceof TrainableCopy) {
                throw new IllegalStateException("The model already has an adapter at " + name);
            }
            boolean wrappable = child instanceof Linear || child instanceof Conv1D;
            if (wrappable) {
                projections.add(name);
            }
            if (config.savesInFull(name)) {
                if (!wrappable) {
                    throw new IllegalArgumentException(
                            "modules_to_save names "
                                    + name
                                    + ", a "
                                    + child.getClass().getSimpleName()
                                    + "; only Linear and Conv1D layers can be saved in full");
                }
                savedInFull.add(name);
            } else if (config.targets(name, isOutputHead(name))
                    && (wrappable || !allLinear(config))) {
                if (!wrappable) {
                    throw new IllegalArgumentException(
                            "Target module "
                                    + name
                                    + " is a "
                                    + child.getClass().getSimpleName()
                                    + "; LoRA can wrap Linear and Conv1D layers only");
                }
                lora.add(name);
            } else {
                walk(child, name + ".", config, projections);
            }
        }
    }

    private static boolean allLinear(LoraConfig config) {
        return config.targetModules().contains(LoraConfig.ALL_LINEAR);
    }

    private static boolean isOutputHead(String name) {
        return name.equals("lm_head") || name.endsWith(".lm_head");
    }
}
