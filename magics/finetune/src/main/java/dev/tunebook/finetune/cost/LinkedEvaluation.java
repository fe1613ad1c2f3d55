package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import java.util.List;
import java.util.Objects;

/**
 * Finds the evaluation that measured a fine-tune: the latest completed evaluation run that names it
 * ({@code evaluates} as {@code %eval RUN} of a classifier records it, or the {@code source_run}
 * hyperparameter of a generation evaluation), preferring one that measured it as it was trained: on
 * its own data set, in the prompt format it was trained in (an evaluation on another domain, or
 * through a prompt in another model's template, is an experiment on the run, not its score). A
 * causal fine-tune records only its losses while it trains; its ROUGE-L and the speed at which it
 * answers requests come from such an evaluation.
 */
final class LinkedEvaluation {
    /** The record field of a prompt in another template than the model's own. */
    static final String MISMATCH = "prompt_format_mismatch";

    private LinkedEvaluation() {}

    /**
     * Returns the latest completed evaluation of {@code run} among {@code runs} that measured it as
     * trained, else the latest of any, or null.
     */
    static RunRecord of(RunRecord run, List<RunRecord> runs) {
        RunRecord found = null;
        for (RunRecord other : runs) {
            if (other.kind() == RunKind.EVAL
                    && other.status() == RunStatus.COMPLETED
                    && run.id() != null
                    && (run.id().equals(other.extra().get("evaluates"))
                            || run.id().equals(other.hyperparameters().get("source_run")))
                    && (found == null || better(run, other, found))) {
                found = other;
            }
        }
        return found;
    }

    /** Whether evaluation {@code a} of {@code run} is to be preferred to {@code b}. */
    private static boolean better(RunRecord run, RunRecord a, RunRecord b) {
        boolean aAsTrained = asTrained(run, a);
        return aAsTrained != asTrained(run, b) ? aAsTrained : later(a, b);
    }

    /** Whether {@code eval} measured {@code run} on its own data in its own prompt format. */
    private static boolean asTrained(RunRecord run, RunRecord eval) {
        return Objects.equals(run.dataset(), eval.dataset())
                && run.extra().containsKey(MISMATCH) == eval.extra().containsKey(MISMATCH);
    }

    /** Whether {@code run} is a generation evaluation (its record keeps generated texts). */
    static boolean generates(RunRecord run) {
        return run != null && run.extra().containsKey("generations");
    }

    private static boolean later(RunRecord a, RunRecord b) {
        return a.startedAt() != null
                && (b.startedAt() == null || a.startedAt().isAfter(b.startedAt()));
    }
}
