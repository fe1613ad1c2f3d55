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
 * TrainingConfig config = Rerun.config(store.require("minilm-lora"), "bert", "e5-lora", Map.of());
 * TrainingRun e5Run = Trainer.builder().setModel(e5.model())...optConfig(config).build().run();
 * Rerun.link(store, e5Run, store.require("minilm-lora"));
 * }</pre>
 */
public final class Rerun {
    /** The record field that names the run a re-run repeated. */
    public static final String RERUN_OF = "rerun_of";

    private Rerun() {}

    /**
     * Returns the options of {@code run}'s recipe for a model of type {@code modelType}, as {@link
     * TrainingConfig#fromOptions} reads them.
     *
     * @param name the new run's name
     * @param overrides options to change ({@code lr}, {@code epochs}, …); {@code targets} given
     *     here is used as written, not mapped
     * @throws IllegalArgumentException if the run is not a fine-tune, or a recorded LoRA target has
     *     no counterpart in {@code modelType} (naming it)
     */
    public static Map<String, String> options(
            RunRecord run, String modelType, String name, Map<String, String> overrides) {
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
                            if (value != null && !text(value).isBlank()) {
                                options.put(TrainingConfigBuilder.canonicalKey(key), text(value));
                            }
                        });
        if (run.method() != null) {
            options.putIfAbsent("method", run.method());
        }
        String targets = options.get("targets");
        if (targets != null && !targets.isBlank() && !overrides.containsKey("targets")) {
            List<String> recorded = Arrays.asList(targets.split("\\s*,\\s*"));
            options.put("targets", String.join(",", TargetNames.map(recorded, modelType)));
        }
        overrides.forEach(
                (key, value) -> options.put(TrainingConfigBuilder.canonicalKey(key), value));
        options.remove("resume");
        options.put("name", name);
        return options;
    }

    /** Returns {@link #options} as a config, checked. */
    public static TrainingConfig config(
            RunRecord run, String modelType, String name, Map<String, String> overrides) {
        return TrainingConfig.fromOptions(options(run, modelType, name, overrides));
    }

    /**
     * Records in {@code rerun}'s record that it re-ran {@code original}; returns {@code rerun} with
     * the record as stored.
     */
    public static TrainingRun link(RunStore store, TrainingRun rerun, RunRecord original) {
        store.update(rerun.id(), r -> r.withExtra(RERUN_OF, original.id()));
        return rerun.withRecord(rerun.record().withExtra(RERUN_OF, original.id()));
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
