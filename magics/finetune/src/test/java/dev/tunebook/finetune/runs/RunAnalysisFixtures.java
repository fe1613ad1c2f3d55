package dev.tunebook.finetune.runs;

import java.time.Instant;
import java.util.Map;

/** Small hand-made runs for the analysis tests. */
final class RunAnalysisFixtures {
    private RunAnalysisFixtures() {}

    static RunRecord baseline() {
        return RunRecord.builder(RunKind.BASELINE, "zero-shot")
                .optId("20261126-061000-aaaa")
                .optStatus(RunStatus.COMPLETED)
                .optModel("all-MiniLM-L6-v2")
                .optMethod("zero-shot")
                .optStartedAt(Instant.parse("2026-11-26T06:10:00Z"))
                .putMetric("test", "accuracy", 0.65)
                .build();
    }

    static RunRecord lora(String id, double lr, double accuracy) {
        RunRecordBuilder r =
                RunStoreTest.finetune("lora <r8>").toBuilder()
                        .optId(id)
                        .optStatus(RunStatus.COMPLETED)
                        .optStartedAt(Instant.parse("2026-11-26T06:15:00Z"))
                        .optTrainSeconds(185.0)
                        .putMetric("test", "accuracy", accuracy)
                        .putMetric("validation", "accuracy", 0.5)
                        .putHyperparameter("lr", lr);
        for (int i = 1; i <= 4; i++) {
            r.addStep(
                    new RunStep(
                            i,
                            null,
                            1.0 / i,
                            lr,
                            Map.of("val_accuracy", 0.5 + i / 10.0),
                            null,
                            null));
        }
        return r.build();
    }
}
