package dev.tunebook.finetune.train;

import dev.tunebook.finetune.lora.TargetNames;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fine-tune's recorded recipe (method, hyperparameters, seed) made ready to train another base
 * model: LoRA targets renamed for the new architecture ({@link TargetNames}), options overridden,
 * and a new name; {@link #link} then records which run the new one re-ran ({@code rerun_of}).
 *
 * <pre>{@code
 * TrainingConfig config = Rerun.builder(store.require("minilm-lora"), "bert", "e5-lora", true)
 *         .optLr(2e-3).build();
 * TrainingRun e5Run = Trainer.builder().setModel(e5.model())...optConfig(config).build().run();
 * Rerun.link(store, e5Run, store.require("minilm-lora"));
 * }</pre>
 */
public final class Rerun {
    /** The record field that names the run a re-run repeated. */
    public static final String RERUN_OF = "rerun_of";

    private Rerun() {}

    /**
     * Returns a builder holding {@code run}'s recipe for a model of type {@code modelType}, named
     * {@code name}: change options on it, then build.
     *
     * @param mapTargets whether to rename the recorded LoRA targets for {@code modelType}; pass
     *     false when the caller names the targets itself
     * @throws IllegalArgumentException if the run is not a fine-tune, a recorded value is bad
     *     (naming its field), or a recorded LoRA target has no counterpart in {@code modelType}
     *     (naming it)
     */
    public static TrainingConfig.Builder builder(
            RunRecord run, String modelType, String name, boolean mapTargets) {
        if (run.kind() != RunKind.FINETUNE) {
            throw new IllegalArgumentException(
                    "run "
                            + run.name()
                            + " is a "
                            + run.kind().id()
                            + " run: only a fine-tune has a recipe to re-run");
        }
        Map<String, String> options = new LinkedHashMap<>();
        run.hyperparameters()
                .forEach(
                        (key, value) -> {
                            String text = value == null ? "" : TrainingConfigMap.text(value);
                            if (!text.isBlank()) {
                                options.put(key.replace('_', '-'), text);
                            }
                        });
        if (run.method() != null) {
            options.putIfAbsent("method", run.method());
        }
        String targets = options.get("targets");
        if (targets != null && mapTargets) {
            List<String> recorded = Arrays.asList(targets.split("\\s*,\\s*"));
            options.put("targets", String.join(",", TargetNames.map(recorded, modelType)));
        }
        options.remove("resume");
        options.remove("name");
        return TrainingConfig.fromOptions(options).toBuilder().optName(name);
    }

    /** Returns {@code run}'s recipe for {@code modelType}, named {@code name}, targets renamed. */
    public static TrainingConfig config(RunRecord run, String modelType, String name) {
        return builder(run, modelType, name, true).build();
    }

    /**
     * Records in {@code rerun}'s record that it re-ran {@code original}; returns {@code rerun} with
     * the record as stored.
     */
    public static TrainingRun link(RunStore store, TrainingRun rerun, RunRecord original) {
        store.update(rerun.id(), r -> r.withExtra(RERUN_OF, original.id()));
        return rerun.withRecord(rerun.record().withExtra(RERUN_OF, original.id()));
    }
}
