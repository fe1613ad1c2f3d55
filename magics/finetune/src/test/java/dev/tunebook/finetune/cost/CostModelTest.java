package dev.tunebook.finetune.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final double CPU_USD = 0.134;
    private final RunRecord lora = CostRuns.run(RunKind.FINETUNE, "lora", "lora", 0.8, 3600.0, 100);

    @Test
    void measuredTimeOnItsOwnDeviceIsNotAnEstimate() {
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT).estimate(lora);
        assertEquals("CPU", e.device());
        assertEquals(CPU_USD, e.trainingUsd(), 1e-12);
        // 1000 requests at 100/s = 10 s
        assertEquals(10.0, e.inferenceSeconds(), 1e-12);
        assertEquals(10.0 / 3600 * CPU_USD, e.inferenceUsd(), 1e-12);
        assertEquals(CPU_USD * (1 + 10.0 / 3600), e.totalUsd(), 1e-12);
        assertFalse(e.estimated());
        assertEquals(0.8, e.accuracy());
    }

    @Test
    void aDataParallelRunPaysForEveryDeviceWhileTrainingAndOneForInference() {
        RunRecord r =
                CostRuns.run(RunKind.FINETUNE, "dp", "full", 0.8, 3600.0, 100).toBuilder()
                        .optDevice("4 × cuda:0 NVIDIA H100 80GB HBM3")
                        .build();
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT).estimate(r);
        assertEquals("H100", e.device());
        assertEquals(3600.0, e.trainingSeconds(), 1e-9);
        assertEquals(4 * 11.06, e.trainingUsd(), 1e-9);
        assertEquals(10.0 / 3600 * 11.06, e.inferenceUsd(), 1e-12);
        assertEquals(1, DeviceNames.count("cuda:0 NVIDIA H100"));
        assertEquals(2, DeviceNames.count("2 x cpu()"));
        assertEquals("cuda:0 NVIDIA H100", DeviceNames.single("4 × cuda:0 NVIDIA H100"));
    }

    @Test
    void anotherDeviceProjectsAndLabelsAnEstimate() {
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT.withGpu("h100")).estimate(lora);
        double seconds = 3600 * (0.19 * 0.30) / (989 * 0.35);
        assertEquals("H100", e.device());
        assertEquals(seconds, e.trainingSeconds(), 1e-9);
        assertEquals(seconds / 3600 * 11.06, e.trainingUsd(), 1e-12);
        assertTrue(e.trainingEstimated());
        assertTrue(e.estimated());
    }

    @Test
    void priceOverrideKeepsMeasuredTime() {
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT.withPrice(2.0)).estimate(lora);
        assertEquals(2.0, e.trainingUsd(), 1e-12);
        assertFalse(e.estimated());
    }

    @Test
    void withoutMeasuredTimeTheFlopModelEstimates() {
        RunRecord r =
                CostRuns.run(RunKind.FINETUNE, "full", "full", 0.9, null, 100).toBuilder()
                        .optTrainTokens(1_000_000L)
                        .optInference(null)
                        .build();
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT.withGpu("A100")).estimate(r);
        double eff = 312e12 * 0.35;
        assertEquals(6.0 * 22_700_000 * 1_000_000 / eff, e.trainingSeconds(), 1e-9);
        assertEquals(1000 * 2.0 * 22_700_000 * 128 / eff, e.inferenceSeconds(), 1e-12);
        assertTrue(e.trainingEstimated() && e.inferenceEstimated());
    }

    @Test
    void latencyIsUsedWithoutThroughputAndRescaledByTokens() {
        RunRecord r =
                lora.withInference(
                        new InferenceFigures(5.0, 9.0, null, null, 64.0, null, null, null, null));
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT.withWorkload(2000, 128)).estimate(r);
        // 2000 requests x 5 ms x (128 / 64) = 20 s
        assertEquals(20.0, e.inferenceSeconds(), 1e-12);
    }

    @Test
    void theMedianLatencyPricesARequestBeforeTheBatchedThroughput() {
        RunRecord r =
                lora.withInference(
                        new InferenceFigures(5.0, 9.0, 1000.0, null, null, null, null, null, null));
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT).estimate(r);
        assertEquals(1000 * 0.005, e.inferenceSeconds(), 1e-12);
    }

    @Test
    void machineTimePricesARequestBeforeTheWallClockLatency() {
        // 16 ms of CPU per example on 2 cores: 8 ms of the machine, whatever the latency read
        RunRecord r =
                lora.withInference(
                        new InferenceFigures(30.0, 40.0, 100.0, null, 64.0, 16.0, 2, null, null));
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT.withWorkload(1000, 64)).estimate(r);
        assertEquals(1000 * 0.008, e.inferenceSeconds(), 1e-12);
        // the same pass measured on a busy machine: a slower wall clock, the same CPU time
        RunRecord busy =
                lora.withInference(
                        new InferenceFigures(45.0, 90.0, 60.0, null, 64.0, 16.0, 2, null, null));
        assertEquals(
                e.inferenceSeconds(),
                CostModel.builtIn(CostOptions.DEFAULT.withWorkload(1000, 64))
                        .estimate(busy)
                        .inferenceSeconds(),
                1e-12);
    }

    @Test
    void baselinesCostNothingToTrain() {
        RunRecord base = CostRuns.run(RunKind.BASELINE, "zero", "zero-shot", 0.65, null, 200);
        CostEstimate e = CostModel.builtIn(CostOptions.DEFAULT).estimate(base);
        assertEquals(0.0, e.trainingUsd());
        assertEquals(5.0 / 3600 * CPU_USD, e.totalUsd(), 1e-12);
    }

    @Test
    void unknownDeviceWithoutPriceLeavesCostUnknown() {
        CostEstimate e =
                CostModel.builtIn(CostOptions.DEFAULT)
                        .estimate(lora.toBuilder().optDevice("gpu(0)").build());
        assertNull(e.device());
        assertNull(e.totalUsd());
        assertFalse(e.plottable());
    }

    @Test
    void costTravelsInTheRecordAndShowsInComparisons() {
        CostModel model = CostModel.builtIn(CostOptions.DEFAULT);
        RunRecord other = CostRuns.run(RunKind.FINETUNE, "full", "full", 0.9, 7200.0, 100);
        RunRecord lora = this.lora.withCost(model.estimate(this.lora).toRecordCost());
        other = other.withCost(model.estimate(other).toRecordCost());
        assertEquals("CPU", lora.cost().get("device"));
        assertEquals(false, lora.cost().get("estimated"));
        var rows = dev.tunebook.finetune.runs.RunComparison.of(lora, other).differences();
        var total = rows.stream().filter(r -> r.key().equals("cost.total_usd")).findFirst();
        assertEquals("results", total.orElseThrow().section());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> CostModel.builtIn(CostOptions.DEFAULT.withGpu("TPU")));
        assertThrows(
                IllegalArgumentException.class, () -> CostOptions.DEFAULT.withWorkload(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> CostOptions.DEFAULT.withPrice(0));
    }
}
