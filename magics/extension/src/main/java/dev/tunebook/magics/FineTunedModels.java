package dev.tunebook.magics;

import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.finetune.tuned.FineTunedModel;
import dev.tunebook.kernel.MagicContext;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import javax.lang.model.SourceVersion;

/**
 * Fine-tuned models in a notebook: {@code %%finetune --name X} binds the model it trained as the
 * variable {@code X} (made a Java name: {@code spam-lora} becomes {@code spam_lora}), and {@code
 * %eval}, {@code %predict} find a run's model there (while no later run has trained its model
 * again), else load it from the run store. {@code %eval --model M} on a model a run trained in
 * place evaluates that run's model.
 */
final class FineTunedModels {
    /**
     * The fine-tune each model was last trained by in this kernel: training changes a model in
     * place, so what the model now computes is that run's model (with its head), and an older run's
     * in-session model is stale.
     */
    private static final Map<LanguageModel, FineTunedModel> LAST =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The run each model was last trained by in this kernel, whatever its task: a generation
     * evaluation of the model ({@code %eval --model X}) is then linked to that fine-tune.
     */
    private static final Map<LanguageModel, RunRecord> LAST_RUN =
            Collections.synchronizedMap(new WeakHashMap<>());

    private FineTunedModels() {}

    /** Returns the fine-tune run that last trained {@code model} in this kernel, if any. */
    static Optional<RunRecord> lastRunOf(LanguageModel model) {
        return Optional.ofNullable(model == null ? null : LAST_RUN.get(model));
    }

    /** Returns the Java variable name for run name {@code name}. */
    static String variable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    i == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
            out.append(ok ? c : (i == 0 && Character.isDigit(c) ? "_" + c : "_"));
        }
        String java = out.toString();
        return SourceVersion.isName(java) ? java : java + "_";
    }

    /**
     * Remembers the model {@code trainer} trained in {@code run} as the latest fine-tune of its
     * model and, when {@code named}, binds it as the run name's variable; returns that name, or
     * null when the run trained no classifier (or, printing why, its model could not be made).
     */
    static String remember(
            MagicContext context, Trainer trainer, TrainingRun run, boolean named, String bind) {
        LAST_RUN.put(trainer.model(), run.record());
        if (!trainer.data().isClassification() || trainer.tokenizer() == null) {
            LAST.remove(trainer.model());
            return null;
        }
        try {
            FineTunedModel tuned = FineTunedModel.of(run, trainer);
            LAST.put(trainer.model(), tuned);
            if (!named) {
                return null;
            }
            String name = variable(run.record().name());
            if (name.equals(bind)) {
                // --bind asked for the TrainingRun under this very name: it keeps it.
                return null;
            }
            context.bind(name, FineTunedModel.class, tuned);
            return name;
        } catch (Exception e) {
            LAST.remove(trainer.model());
            if (named) {
                System.err.println("warning: the fine-tuned model is not bound: " + e.getMessage());
            }
            return null;
        }
    }

    /** Returns the fine-tune that last trained {@code model} in this kernel, if any. */
    static Optional<FineTunedModel> lastOf(LanguageModel model) {
        return Optional.ofNullable(LAST.get(model));
    }

    /**
     * Returns the fine-tuned model of {@code run}: the variable named after it when it holds this
     * run's model, else the model loaded from the store onto the notebook model's device (which
     * {@code opened} then owns).
     */
    static FineTunedModel open(
            MagicContext context, RunStore store, RunRecord run, List<AutoCloseable> opened)
            throws IOException {
        if (context.lookup(variable(run.name())) instanceof FineTunedModel bound
                && bound.runId().equals(run.id())
                && LAST.get(bound.model()) == bound) {
            return bound;
        }
        FineTunedModel loaded = FineTunedModel.load(store, run.id(), "auto");
        opened.add(loaded);
        return loaded;
    }

    /** Returns whether {@code run} is a fine-tune (whose model {@link #open} gives). */
    static boolean isFineTune(RunRecord run) {
        return run.kind() == RunKind.FINETUNE;
    }
}
