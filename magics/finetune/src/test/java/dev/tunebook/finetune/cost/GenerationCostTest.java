package dev.tunebook.finetune.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generation and RAG runs are priced by the requests they really answered. */
class GenerationCostTest {
    // 1 USD/hour-second: 1000 requests at 10 requests/s cost 100 s = 100 USD.
    private final CostModel model = CostModel.builtIn(CostOptions.DEFAULT.withPrice(3600.0));

    private static RunRecord generation(
            RunKind kind, String name, double rougeL, double perSecond, double promptTokens) {
        return RunRecord.builder(kind, name)
                .optId(
                        "20261206-0300"
                                + String.format("%02d", Math.abs(name.hashCode()) % 60)
                                + "-gen0")
                .optStatus(RunStatus.COMPLETED)
                .optStartedAt(Instant.parse("2026-12-06T03:00:00Z"))
                .optDevice("cpu")
                .optTotalParams(7_900_000L)
                .optInference(
                        new InferenceFigures(
                                null, null, perSecond, null, null, null, null, null, null))
                .putMetric("test", "rougeL", rougeL)
                .putMetric("test", "prompt_tokens", promptTokens)
                .putMetric("test", "output_tokens", 48)
                .build();
    }

    private static RunRecord causalFineTune(String name) {
        RunRecord run =
                RunRecord.builder(RunKind.FINETUNE, name)
                        .optId("20261206-020000-lora")
                        .optStatus(RunStatus.COMPLETED)
                        .optMethod("lora")
                        .optDevice("cpu")
                        .optTotalParams(7_900_000L)
                        .optTrainSeconds(20.0)
                        // its own figures time one forward pass of a training example, not an
                        // answer
                        .optInference(
                                new InferenceFigures(
                                        5.0, 6.0, 200.0, null, 64.0, null, null, null, null))
                        .build();
        run = run.toBuilder().putMetric("val", "loss", 4.2).build();
        run = run.toBuilder().putMetric("val", "perplexity", 66.7).build();
        return run;
    }

    @Test
    void aCausalFineTuneTakesItsScoreAndSpeedFromTheLatestEvaluationOfIt() {
        RunRecord tuned = causalFineTune("describe-lora");
        RunRecord older =
                generation(RunKind.EVAL, "eval describe-lora", 0.05, 1.0, 129).toBuilder()
                        .optStartedAt(Instant.parse("2026-12-06T02:10:00Z"))
                        .build();
        older = older.withHyperparameter("source_run", tuned.id());
        older = older.withExtra("generations", List.of());
        RunRecord latest =
                generation(RunKind.EVAL, "eval describe-lora", 0.097, 10.0, 129).toBuilder()
                        .optStartedAt(Instant.parse("2026-12-06T02:20:00Z"))
                        .build();
        latest = latest.withHyperparameter("source_run", tuned.id());
        latest = latest.withExtra("generations", List.of());
        CostTable table = CostTable.of(List.of(tuned, older, latest), model);
        assertEquals(1, table.rows().size(), "evaluations are not priced rows");
        CostEstimate row = table.rows().get(0);
        assertEquals(0.097, row.accuracy(), 1e-12, "ROUGE-L of the latest evaluation, not a loss");
        assertEquals(100.0, row.inferenceUsd(), 1e-9, "1000 answers at 10 per second");
        assertFalse(row.inferenceEstimated());
        assertEquals(20.0, row.trainingUsd(), 1e-9);
        assertTrue(table.toText().contains("129 in, 48 out"), table.toText());
    }

    @Test
    void anEvaluationInAnotherPromptFormatOrOnAnotherDatasetDoesNotReplaceTheRunsScore() {
        RunRecord tuned =
                causalFineTune("synopsis-lora").toBuilder().optDataset("debian-packages").build();
        RunRecord asTrained = evaluationOf(tuned, "debian-packages", 0.11, 10.0, "02:10");
        RunRecord otherFormat =
                evaluationOf(tuned, "debian-packages", 0.02, 40.0, "02:20")
                        .withExtra(
                                "prompt_format_mismatch",
                                java.util.Map.of("message", "llama2 on a chatml model"));
        RunRecord otherData = evaluationOf(tuned, "ubuntu-packages", 0.05, 20.0, "02:30");
        CostEstimate row =
                CostTable.of(List.of(tuned, asTrained, otherFormat, otherData), model)
                        .rows()
                        .get(0);
        assertEquals(0.11, row.accuracy(), 1e-12, "the evaluation of the run as it was trained");
        assertEquals(100.0, row.inferenceUsd(), 1e-9, "its answers: 1000 at 10 per second");
        // without one, the latest evaluation still gives a score
        row = CostTable.of(List.of(tuned, otherFormat, otherData), model).rows().get(0);
        assertEquals(0.05, row.accuracy(), 1e-12);
        // a run trained in another format is scored by an evaluation in that format
        RunRecord mismatched =
                tuned.withExtra(
                        "prompt_format_mismatch", java.util.Map.of("message", "trained so"));
        row = CostTable.of(List.of(mismatched, asTrained, otherFormat), model).rows().get(0);
        assertEquals(0.02, row.accuracy(), 1e-12);
    }

    private static RunRecord evaluationOf(
            RunRecord tuned, String dataset, double rougeL, double perSecond, String at) {
        RunRecord eval =
                generation(RunKind.EVAL, "eval " + tuned.name(), rougeL, perSecond, 29).toBuilder()
                        .optId("20261206-" + at.replace(":", "") + "00-eval")
                        .optDataset(dataset)
                        .optStartedAt(Instant.parse("2026-12-06T" + at + ":00Z"))
                        .build();
        eval = eval.withHyperparameter("source_run", tuned.id());
        return eval.withExtra("generations", List.of());
    }

    @Test
    void ragPromptsAreLongerAndTheirRequestsDearer() {
        RunRecord closed = generation(RunKind.BASELINE, "closed-book", 0.05, 10.0, 129);
        RunRecord rag = generation(RunKind.BASELINE, "rag", 0.12, 6.0, 209);
        CostTable table = CostTable.of(List.of(closed, rag), model);
        assertTrue(table.rows().get(1).inferenceUsd() > table.rows().get(0).inferenceUsd());
        String text = table.toText();
        assertTrue(text.contains("tokens per request"), text);
        assertTrue(text.contains("209 in, 48 out"), text);
    }

    @Test
    void aClassifierFineTuneKeepsItsOwnFiguresAndLinksOnlyForAMissingScore() {
        RunRecord tuned = CostRuns.run(RunKind.FINETUNE, "lora", "lora", 0.8, 9.0, 1000);
        tuned = tuned.toBuilder().clearMetrics().build();
        RunRecord eval =
                CostRuns.run(RunKind.EVAL, "eval lora", "lora", 0.81, null, 10).toBuilder()
                        .optStatus(RunStatus.COMPLETED)
                        .build();
        eval = eval.withExtra("evaluates", tuned.id());
        CostEstimate row = CostTable.of(List.of(tuned, eval), model).rows().get(0);
        assertEquals(0.81, row.accuracy(), 1e-12);
        assertEquals(1.0, row.inferenceUsd(), 1e-9, "its own forward pass, 1000 per second");
        assertFalse(CostTable.of(List.of(tuned, eval), model).toText().contains("tokens per"));
    }

    @Test
    void ofEquallyAccurateBaselinesTheCheaperIsTheOneToBeat() {
        RunRecord zero = CostRuns.run(RunKind.BASELINE, "zero-shot", "zero-shot", 0.88, null, 10);
        RunRecord few = CostRuns.run(RunKind.BASELINE, "8-shot", "few-shot", 0.88, null, 20);
        CostTable table = CostTable.of(List.of(zero, few), model);
        assertEquals("8-shot", table.bestBaseline().orElseThrow().runName());
    }

    @Test
    void anUnrelatedOrFailedEvaluationIsNotRead() {
        RunRecord tuned = causalFineTune("describe-full");
        RunRecord failed =
                generation(RunKind.EVAL, "eval", 0.3, 10.0, 129).toBuilder()
                        .optStatus(RunStatus.FAILED)
                        .build();
        failed = failed.withHyperparameter("source_run", tuned.id());
        RunRecord other = generation(RunKind.EVAL, "eval", 0.3, 10.0, 129);
        other = other.withHyperparameter("source_run", "20261206-000000-else");
        CostEstimate row = CostTable.of(List.of(tuned, failed, other), model).rows().get(0);
        assertEquals(null, row.accuracy());
        // its own forward-pass figures: 1000 × 5 ms, rescaled from 64 to 128 tokens per request
        assertEquals(10.0, row.inferenceUsd(), 1e-9);
    }
}
