package dev.tunebook.magics;

import dev.tunebook.finetune.cost.CostModel;
import dev.tunebook.finetune.cost.CostOptions;
import dev.tunebook.finetune.cost.CostTable;
import dev.tunebook.finetune.cost.PriceTable;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunListing;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code %cost}: prices every baseline and fine-tune of the run store, or the runs named, with
 * {@link CostModel}.
 */
final class CostMagic implements Magic {
    static final String USAGE =
            "%cost [RUN ...] [--gpu A100|H100|H200|L4|T4|CPU | --price USD_PER_HOUR]"
                    + " [--requests N] [--tokens-per-request N] [--metric NAME] [--all]\n"
                    + "For every baseline and fine-tune run: accuracy, training cost (measured"
                    + " time x hourly price of the device it ran on, or projected to --gpu by FLOP"
                    + " throughput and marked as an estimate), inference cost of N requests"
                    + " (default 1000 of 128 tokens), the total, the extra dollars each accuracy"
                    + " point gained over the best baseline costs (or 'worse than the baseline'),"
                    + " and a chart of accuracy against total cost with the"
                    + " Pareto frontier. Prices: Google Cloud on-demand list prices (built in,"
                    + " dated); --price overrides them. A run name repeated (a notebook run again) counts"
                    + " once, its newest run; --all prices every run in the store. RUN ... (names"
                    + " or ids) prices only those runs, the table of one task when a notebook has"
                    + " several (each fine-tune then gains over the best baseline among them)."
                    + " --metric NAME compares the runs by that metric (e.g. exact_match) instead"
                    + " of each run's headline (accuracy, else ROUGE-L for generation).";

    static MagicSpec spec() {
        return MagicSpec.line("cost", USAGE, new CostMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) {
        MagicArguments parsed =
                MagicArguments.parse(
                        args,
                        Set.of(
                                "--gpu",
                                "--price",
                                "--requests",
                                "--tokens-per-request",
                                "--metric"),
                        Set.of("--all"));
        CostOptions options;
        try {
            options =
                    new CostOptions(
                            parsed.get("--gpu", null),
                            parsed.number("--price"),
                            parsed.positive("--requests", CostOptions.DEFAULT.requests()),
                            parsed.positive(
                                    "--tokens-per-request",
                                    CostOptions.DEFAULT.tokensPerRequest()));
            if (options.gpu() != null && options.usdPerHour() == null) {
                PriceTable.builtIn().price(options.gpu());
            }
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        RunStore store = NotebookVariables.runStore(context);
        RunListing listing = store.list();
        List<RunRecord> priced;
        if (parsed.positional().isEmpty()) {
            priced = parsed.has("--all") ? listing.runs() : listing.latestPerName();
        } else if (parsed.has("--all")) {
            throw new MagicUsageException("--all prices every run: name runs or say --all");
        } else {
            priced = selected(store, parsed.positional());
        }
        String metric = parsed.get("--metric", null);
        CostTable table = CostTable.of(priced, listing.runs(), CostModel.builtIn(options), metric);
        if (metric != null && table.rows().stream().allMatch(r -> r.accuracy() == null)) {
            throw new MagicUsageException(
                    "--metric "
                            + metric
                            + ": no run priced here has it (nor its evaluation); they have "
                            + metricNames(priced));
        }
        return table;
    }

    private static String metricNames(List<RunRecord> runs) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        runs.forEach(r -> r.metrics().values().forEach(m -> names.addAll(m.keySet())));
        return names.isEmpty() ? "no metrics" : String.join(", ", names);
    }

    /** Returns the runs named, each once, in the order named. */
    private static List<RunRecord> selected(RunStore store, List<String> keys) {
        Map<String, RunRecord> runs = new LinkedHashMap<>();
        for (String key : keys) {
            RunRecord run;
            try {
                run = store.require(key);
            } catch (IllegalArgumentException e) {
                throw new MagicUsageException(e.getMessage());
            }
            if (run.kind() != RunKind.BASELINE && run.kind() != RunKind.FINETUNE) {
                throw new MagicUsageException(
                        "run "
                                + key
                                + " is "
                                + run.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + ": %cost prices baselines and fine-tunes (an evaluation is"
                                + " priced with the run it measured)");
            }
            runs.put(run.id(), run);
        }
        return List.copyOf(runs.values());
    }
}
