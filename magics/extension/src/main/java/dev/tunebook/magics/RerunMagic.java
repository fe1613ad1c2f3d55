package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.MavenEncoder;
import dev.tunebook.finetune.train.Rerun;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code %rerun RUN --model SOURCE [--name NEW] [--data NAME] [--bind VAR] [key=value ...]}: trains
 * a fine-tune's recorded recipe ({@link Rerun}) on another base model through {@code %%finetune}'s
 * path, and links the new run to the old one.
 */
final class RerunMagic implements Magic {
    /** The variable a model that {@code --model} loads is bound to. */
    static final String MODEL_VARIABLE = "rerunModel";

    static final String USAGE =
            "%rerun RUN --model SOURCE [--name NEW] [--data NAME] [--bind VAR] [key=value ...]\n"
                    + "Trains the recipe a fine-tune recorded (method, hyperparameters, seed) on"
                    + " another base model in one command; the new run records rerun_of RUN.\n"
                    + "RUN: a run's name or id in the run store, or a variable holding a"
                    + " %%finetune run.\n"
                    + "--model: a notebook variable holding a loaded model, a known encoder's name ("
                    + String.join(
                            ", ", MavenEncoder.known().stream().map(MavenEncoder::name).toList())
                    + "), or a source as %model load takes it, loaded and bound to "
                    + MODEL_VARIABLE
                    + ".\n"
                    + "LoRA targets are renamed for the new architecture (query/value <->"
                    + " q_proj/v_proj <-> c_attn); a target with no counterpart is an error (then"
                    + " give targets=...).\n"
                    + "--name: the new run's name (default RUN-MODEL); --data: the dataset"
                    + " variable (default dataset; the recipe's data); --bind: the variable the"
                    + " run is bound to (default run); key=value: options to change, as"
                    + " %%finetune's (lr=1e-4 epochs=2).";

    static MagicSpec spec() {
        return MagicSpec.line("rerun", USAGE, new RerunMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        MagicArguments parsed =
                MagicArguments.parse(
                        args, Set.of("--model", "--name", "--data", "--bind"), Set.of());
        List<String> words = parsed.positional();
        if (words.isEmpty() || !parsed.has("--model")) {
            throw new MagicUsageException("write %rerun RUN --model SOURCE [key=value ...]");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new MagicUsageException(
                        "unexpected '" + word + "': options to change are written key=value");
            }
            overrides.put(
                    TrainingOptionText.canonicalKey(word.substring(0, eq)), word.substring(eq + 1));
        }
        RunStore store = NotebookVariables.runStore(context);
        RunRecord original = original(words.get(0), store, context);
        String modelVariable = model(parsed.get("--model", null), context);
        LoadedModel model = NotebookVariables.loadedModel(context, modelVariable);
        String name = parsed.get("--name", original.name() + "-" + model.displayName());
        FinetuneInputs named = FinetuneInputs.take(overrides);
        FinetuneInputs inputs =
                new FinetuneInputs(
                        modelVariable,
                        parsed.has("--data") ? parsed.get("--data", null) : named.data(),
                        named.prompt(),
                        modelVariable,
                        parsed.get("--bind", "run"));
        // the new run's name is --name's, and a re-run starts afresh
        overrides.remove("name");
        overrides.remove("resume");
        TrainingConfig config;
        try {
            config =
                    TrainingConfigOptions.apply(
                                    Rerun.builder(
                                            original,
                                            model.config().modelType(),
                                            name,
                                            !overrides.containsKey("targets")),
                                    overrides)
                            .build();
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        warnOnOtherData(
                original, context.lookup(inputs.data() == null ? "dataset" : inputs.data()));
        List<String> targets = config.lora().targetModules();
        System.out.println(
                "rerun of "
                        + original.name()
                        + " ("
                        + original.id()
                        + ") on "
                        + model.displayName()
                        + " as "
                        + name
                        + (targets.isEmpty()
                                ? ""
                                : " (LoRA targets " + String.join(",", targets) + ")"));
        TrainingRun trained = FinetuneMagic.train(config, inputs, context);
        TrainingRun run = Rerun.link(store, trained, original);
        if (context.lookup(inputs.bind()) == trained) {
            // the notebook's variable shows the link too, as the stored record does
            context.bind(inputs.bind(), TrainingRun.class, run);
        }
        return Display.headless() ? run : null;
    }

    private static RunRecord original(String key, RunStore store, MagicContext context) {
        if (context.lookup(key) instanceof TrainingRun run) {
            return run.record();
        }
        try {
            return store.require(key);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
    }

    /** Returns the variable holding the model {@code spec} names, loading it when needed. */
    private static String model(String spec, MagicContext context) throws Exception {
        if (context.lookup(spec) instanceof LoadedModel) {
            return spec;
        }
        String source =
                MavenEncoder.known().stream()
                        .filter(e -> e.name().equals(spec))
                        .map(MavenEncoder::source)
                        .findFirst()
                        .orElse(spec);
        new ModelMagic().run("load " + quoted(source) + " --name " + MODEL_VARIABLE, null, context);
        return MODEL_VARIABLE;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void warnOnOtherData(RunRecord original, Object data) {
        if (data instanceof Dataset dataset
                && original.dataset() != null
                && !original.dataset().equals(dataset.name())) {
            System.err.println(
                    "warning: run "
                            + original.name()
                            + " trained on "
                            + original.dataset()
                            + "; this re-run trains on "
                            + dataset.name());
        }
    }
}
