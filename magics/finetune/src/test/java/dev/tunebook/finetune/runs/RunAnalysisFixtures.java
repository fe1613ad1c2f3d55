package dev.tunebook.finetune.runs;

import java.time.Instant;
import java.util.Map;

/** Small hand-made runs for the analysis tests. */
final class RunAnalysisFixtures {
    private RunAnalysisFixtures() {}

    static RunRecord baseline() {
        return RunRecord.of(RunKind.BASELINE, "zero-shot")
                .setId("20261126-061000-aaaa")
                .setStatus(RunStatus.COMPLETED)
                .setModel("all-MiniLM-L6-v2")
                .setMethod("zero-shot")
                .setStartedAt(Instant.parse("2026-11-26T06:10:00Z"))
                .putMetric("test", "accuracy", 0.65);
    }

    static RunRecord lora(String id, double lr, double accuracy) {
        RunRecord r =
                RunStoreTest.finetune("lora <r8>")
                        .setId(id)
                        .setStatus(RunStatus.COMPLETED)
                        .setStartedAt(Instant.parse("2026-11-26T06:15:00Z"))
                        .setTrainSeconds(185.0)
                        .putMetric("test", "accuracy", accuracy)
                        .putMetric("validation", "accuracy", 0.5);
        r.hyperparameters().put("lr", lr);
        for (int i = 1; i <= 4; i++) {
            r.steps()
                    .add(
                            new RunStep(
                                    i,
                                    null,
                                    1.0 / i,
                                    lr,
                                    Map.of("val_accuracy", 0.5 + i / 10.0),
                                    null,
                                    null));
        }
        return r;
    }
}
