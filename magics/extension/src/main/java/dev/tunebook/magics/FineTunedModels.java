package dev.tunebook.magics;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.finetune.tuned.FineTunedModel;
import dev.tunebook.kernel.MagicContext;
import java.io.IOException;
import java.util.List;
import javax.lang.model.SourceVersion;

/**
 * Fine-tuned models in a notebook: {@code %%finetune --name X} binds the model it trained as the
 * variable {@code X} (made a Java name: {@code spam-lora} becomes {@code spam_lora}), and {@code
 * %eval}, {@code %predict} find a run's model there, else load it from the run store.
 */
final class FineTunedModels {
    private FineTunedModels() {}

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
     * Binds the model {@code trainer} trained in {@code run} as the run name's variable and returns
     * that name, or returns null (printing why) when the run trained no classifier to bind.
     */
    static String bind(MagicContext context, Trainer trainer, TrainingRun run) {
        if (!trainer.data().isClassification() || trainer.tokenizer() == null) {
            return null;
        }
        String name = variable(run.record().name());
        try {
            context.bind(name, FineTunedModel.class, FineTunedModel.of(run, trainer));
            return name;
        } catch (Exception e) {
            System.err.println("warning: the fine-tuned model is not bound: " + e.getMessage());
            return null;
        }
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
                && bound.runId().equals(run.id())) {
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
