package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;

/** Hand-made runs for the cost tests. */
final class CostRuns {
    private CostRuns() {}

    static RunRecord run(
            RunKind kind,
            String name,
            String method,
            double accuracy,
            Double trainSeconds,
            double throughput) {
        return RunRecord.builder(kind, name)
                .optId(
                        "20261126-0600"
                                + String.format(
                                        java.util.Locale.ROOT,
                                        "%02d",
                                        Math.abs(name.hashCode()) % 60)
                                + "-abcd")
                .optMethod(method)
                .optDevice("cpu")
                .optTotalParams(22_700_000L)
                .optTrainableParams(method.equals("full") ? 22_700_000L : 100_000L)
                .optTrainSeconds(trainSeconds)
                .optInference(
                        new InferenceFigures(
                                null, null, throughput, null, null, null, null, null, null))
                .putMetric("test", "accuracy", accuracy)
                .build();
    }
}
