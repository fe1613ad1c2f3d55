package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.RunRecord;
import java.util.Locale;
import java.util.Optional;

/**
 * The tokens one request of a generation run processes, as its evaluation measured them: the mean
 * prompt tokens read and output tokens written ({@code prompt_tokens}, {@code output_tokens}). A
 * retrieval-augmented prompt reads the retrieved passages too, which is what makes it dearer.
 */
final class RequestTokens {
    private RequestTokens() {}

    /**
     * Returns "209 in, 48 out" for {@code run}, or for {@code evaluation} (the evaluation that
     * measured it, or null) when the run recorded no token counts; empty when neither did.
     */
    static Optional<String> of(RunRecord run, RunRecord evaluation) {
        Optional<String> own = describe(run);
        return own.isPresent() || evaluation == null ? own : describe(evaluation);
    }

    private static Optional<String> describe(RunRecord run) {
        Optional<Double> in = run.metric("prompt_tokens");
        Optional<Double> out = run.metric("output_tokens");
        if (in.isEmpty() || out.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%.0f in, %.0f out", in.get(), out.get()));
    }
}
