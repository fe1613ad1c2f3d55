package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.MainMetric;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;

/**
 * Prices runs: measured time × hourly price on the device a run ran on; projected by {@link
 * ThroughputModel} when another device is asked for; from {@link TrainingFlops} when a run has no
 * measured time but token and parameter counts. Baselines cost nothing to train.
 *
 * <p>Inference time for {@code requests} requests comes from the run's machine time per example
 * ({@code requests × cpu_ms_per_example / cpu_cores}: the CPU time of one request spread over the
 * machine's cores, which other processes do not inflate), else its median latency ({@code requests
 * × latency_ms_p50}, one request at a time), else its measured throughput ({@code requests /
 * throughput_per_second}), rescaled by {@code tokens_per_request / tokens_per_example} when both
 * are known; without measurements, from the FLOP model ({@code 2·N} per token).
 *
 * <p>Instances are immutable.
 */
public final class CostModel {
    private final PriceTable prices;
    private final ThroughputModel throughput;
    private final CostOptions options;

    /** Creates a model over the given tables and options. */
    public CostModel(PriceTable prices, ThroughputModel throughput, CostOptions options) {
        this.prices = prices;
        this.throughput = throughput;
        this.options = options;
        if (options.gpu() != null) {
            throughput.spec(options.gpu());
            if (options.usdPerHour() == null) {
                prices.price(options.gpu());
            }
        }
    }

    /** Returns a model with the built-in tables. */
    public static CostModel builtIn(CostOptions options) {
        return new CostModel(PriceTable.builtIn(), ThroughputModel.builtIn(), options);
    }

    /** Returns the options. */
    public CostOptions options() {
        return options;
    }

    /** Returns the cost of {@code run}. */
    public CostEstimate estimate(RunRecord run) {
        return estimate(run, null);
    }

    /**
     * Returns the cost of {@code run}; when it has no inference measurements of its own, those of
     * {@code sibling} (a run of the same model on the same device, or null) stand in, marked as an
     * estimate. A head on an encoder, a merged LoRA and a full fine-tune run the same forward pass
     * as their base model, so its measured speed prices them better than the FLOP model does.
     */
    public CostEstimate estimate(RunRecord run, RunRecord sibling) {
        return estimate(run, sibling, null);
    }

    /**
     * Returns the cost of {@code run} as {@link #estimate(RunRecord, RunRecord)} does, reading what
     * the run did not record itself from {@code evaluation}, the evaluation that measured it (or
     * null): its headline metric when the run has none (a causal fine-tune records only losses),
     * and its inference figures when it generated (a generation request is the whole answer, not
     * the one forward pass a fine-tune times when it ends) or the run has none.
     */
    public CostEstimate estimate(RunRecord run, RunRecord sibling, RunRecord evaluation) {
        boolean fromEvaluation =
                evaluation != null
                        && measuredInference(evaluation.inference()) != null
                        && (LinkedEvaluation.generates(evaluation)
                                || measuredInference(run.inference()) == null);
        CostEstimate own = priced(run, fromEvaluation ? null : sibling);
        if (own.accuracy() == null && evaluation != null) {
            own = own.withAccuracy(MainMetric.value(evaluation).orElse(null));
        }
        if (fromEvaluation) {
            String source = DeviceNames.find(evaluation.device()).orElse(null);
            Timing t = inferenceTime(evaluation, source, own.device());
            own = own.withInference(t.seconds, t.estimated);
        }
        return own;
    }

    private CostEstimate priced(RunRecord run, RunRecord sibling) {
        String source = DeviceNames.find(run.device()).orElse(null);
        int devices = DeviceNames.count(run.device()); // data parallel: every device is paid for
        String target = options.gpu() != null ? options.gpu() : source;
        Double usd =
                options.usdPerHour() != null
                        ? options.usdPerHour()
                        : target == null ? null : prices.price(target).usdPerHour();
        Timing training =
                run.kind() == RunKind.BASELINE
                        ? new Timing(0.0, false)
                        : trainingTime(run, source, target);
        Timing inference = inferenceTime(run, source, target);
        if (measuredInference(run.inference()) == null
                && sibling != null
                && measuredInference(sibling.inference()) != null) {
            Timing borrowed = inferenceTime(sibling, source, target);
            inference = new Timing(borrowed.seconds, true);
        }
        return new CostEstimate(
                run.id(),
                run.name(),
                run.kind(),
                run.method(),
                MainMetric.value(run).orElse(null),
                target,
                usd,
                training.seconds,
                dollars(training.seconds, usd == null ? null : usd * devices),
                training.estimated,
                inference.seconds,
                dollars(inference.seconds, usd),
                inference.estimated);
    }

    private record Timing(Double seconds, boolean estimated) {}

    private static Double dollars(Double seconds, Double usdPerHour) {
        return seconds == null || usdPerHour == null ? null : seconds / 3600 * usdPerHour;
    }

    private Timing trainingTime(RunRecord run, String source, String target) {
        Double measured = run.trainSeconds();
        if (measured != null && (target == null || target.equals(source))) {
            return new Timing(measured, false);
        }
        if (measured != null && source != null) {
            return new Timing(throughput.project(measured, source, target), true);
        }
        if (target != null && run.trainTokens() != null && run.totalParams() != null) {
            long trainable =
                    run.trainableParams() == null ? run.totalParams() : run.trainableParams();
            double flops =
                    TrainingFlops.training(
                            run.method(), run.totalParams(), trainable, run.trainTokens());
            return new Timing(throughput.seconds(flops, target), true);
        }
        return new Timing(null, false);
    }

    private Timing inferenceTime(RunRecord run, String source, String target) {
        Double measured = measuredInference(run.inference());
        if (measured != null && (target == null || target.equals(source))) {
            return new Timing(measured, false);
        }
        if (measured != null && source != null) {
            return new Timing(throughput.project(measured, source, target), true);
        }
        if (target != null && run.totalParams() != null) {
            double flops =
                    options.requests()
                            * TrainingFlops.inference(
                                    run.totalParams(), options.tokensPerRequest());
            return new Timing(throughput.seconds(flops, target), true);
        }
        return new Timing(null, false);
    }

    private Double measuredInference(InferenceFigures f) {
        if (f == null) {
            return null;
        }
        // Machine time (the request's one-thread CPU time over the cores) where it was measured: on
        // a shared
        // machine other processes inflate wall-clock latency (one forward pass priced 48% apart in
        // one notebook), not the CPU time the pass itself used. Else the median latency, the
        // median of many timed passes; else the batched throughput.
        Double perRequest =
                f.machineSecondsPerExample() != null
                        ? f.machineSecondsPerExample()
                        : f.latencyMsP50() != null && f.latencyMsP50() > 0
                                ? f.latencyMsP50() / 1000
                                : f.throughputPerSecond() != null && f.throughputPerSecond() > 0
                                        ? 1.0 / f.throughputPerSecond()
                                        : null;
        if (perRequest == null) {
            return null;
        }
        double scale =
                f.tokensPerExample() == null || f.tokensPerExample() <= 0
                        ? 1
                        : options.tokensPerRequest() / f.tokensPerExample();
        return options.requests() * perRequest * scale;
    }
}
