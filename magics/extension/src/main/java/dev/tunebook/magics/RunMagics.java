package dev.tunebook.magics;

import dev.tunebook.finetune.runs.RunComparison;
import dev.tunebook.finetune.runs.RunPlot;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.runs.RunTable;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code %runs}, {@code %plot} and {@code %compare}: views of the run store beside the notebook.
 */
final class RunMagics {
    static final String RUNS_USAGE =
            "%runs\n"
                    + "Lists every run in the run store (.tunebook/runs beside the notebook, or"
                    + " $TUNEBOOK_HOME/runs): name, kind, status, model, method, headline metric,"
                    + " training time, trainable parameters, start and id.";
    static final String PLOT_USAGE =
            "%plot loss|accuracy|lr|METRIC [RUN...]\n"
                    + "Overlays a logged quantity against the step for the named runs (names or"
                    + " ids), or for every run that logged it. accuracy means the validation"
                    + " accuracy (val_accuracy) when the runs log it.";
    static final String COMPARE_USAGE =
            "%compare RUN RUN [--all]\n"
                    + "Shows two runs side by side: configuration (model, method, data, device,"
                    + " hyperparameters) then results; only differing rows unless --all.";

    private RunMagics() {}

    static List<MagicSpec> specs() {
        return List.of(
                MagicSpec.line("runs", RUNS_USAGE, (args, body, context) -> runs(args, context)),
                MagicSpec.line("plot", PLOT_USAGE, (args, body, context) -> plot(args, context)),
                MagicSpec.line(
                        "compare", COMPARE_USAGE, (args, body, context) -> compare(args, context)));
    }

    private static RunTable runs(String args, MagicContext context) {
        if (!args.isBlank()) {
            throw new MagicUsageException("%runs takes no arguments");
        }
        return RunTable.of(NotebookVariables.runStore(context));
    }

    private static RunPlot plot(String args, MagicContext context) {
        List<String> words = MagicArguments.parse(args, Set.of(), Set.of()).positional();
        if (words.isEmpty()) {
            throw new MagicUsageException("name what to plot: loss, accuracy, lr or a metric");
        }
        RunStore store = NotebookVariables.runStore(context);
        List<RunRecord> runs = new ArrayList<>();
        try {
            for (String key : words.subList(1, words.size())) {
                runs.add(store.require(key));
            }
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        if (runs.isEmpty()) {
            runs.addAll(store.list().runs());
        }
        String quantity = quantity(words.get(0), runs);
        return RunPlot.of(runs, quantity);
    }

    /** Returns {@code asked}, or {@code val_ASKED} when only that was logged (accuracy). */
    private static String quantity(String asked, List<RunRecord> runs) {
        boolean logged =
                runs.stream()
                        .flatMap(r -> r.steps().stream())
                        .anyMatch(s -> s.value(asked) != null);
        return logged || asked.startsWith("val_") ? asked : "val_" + asked;
    }

    private static ComparisonView compare(String args, MagicContext context) {
        MagicArguments parsed = MagicArguments.parse(args, Set.of(), Set.of("--all"));
        List<String> words = parsed.positional();
        if (words.size() != 2) {
            throw new MagicUsageException("name two runs to compare");
        }
        RunStore store = NotebookVariables.runStore(context);
        try {
            return new ComparisonView(
                    RunComparison.of(store.require(words.get(0)), store.require(words.get(1))),
                    !parsed.has("--all"));
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
    }
}
