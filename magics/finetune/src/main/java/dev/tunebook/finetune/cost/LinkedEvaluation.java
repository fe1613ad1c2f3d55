package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import java.util.List;

/**
 * Finds the evaluation that measured a fine-tune: the latest completed evaluation run that names it
 * ({@code evaluates} as {@code %eval RUN} of a classifier records it, or the {@code source_run}
 * hyperparameter of a generation evaluation). A causal fine-tune records only its losses while it
 * trains; its ROUGE-L and the speed at which it answers requests come from such an evaluation.
 */
final class LinkedEvaluation {
    private LinkedEvaluation() {}

    /** Returns the latest completed evaluation of {@code run} among {@code runs}, or null. */
    static RunRecord of(RunRecord run, List<RunRecord> runs) {
        RunRecord found = null;
        for (RunRecord other : runs) {
            if (other.kind() == RunKind.EVAL
                    && other.status() == RunStatus.COMPLETED
                    && run.id() != null
                    && (run.id().equals(other.extra().get("evaluates"))
                            || run.id().equals(other.hyperparameters().get("source_run")))
                    && (found == null || later(other, found))) {
                found = other;
            }
        }
        return found;
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
