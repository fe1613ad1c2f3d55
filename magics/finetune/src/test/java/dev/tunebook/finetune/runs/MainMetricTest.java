package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The headline metric of a run: higher is better, ROUGE-L for generation, never a loss. */
class MainMetricTest {
    private static RunRecord run(String split, Map<String, Double> metrics) {
        RunRecordBuilder record = RunRecord.builder(RunKind.EVAL, "r");
        metrics.forEach((name, value) -> record.putMetric(split, name, value));
        return record.build();
    }

    @Test
    void accuracyLeadsClassification() {
        RunRecord r = run("test", Map.of("loss", 0.4, "accuracy", 0.9));
        assertEquals(Optional.of("accuracy"), MainMetric.name(r));
        assertEquals(Optional.of(0.9), MainMetric.value(r));
    }

    @Test
    void generationRunsAreSummarisedByRougeLRatherThanExactMatch() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("exact_match", 0.0);
        metrics.put("rougeL", 0.21);
        assertEquals(Optional.of("rougeL"), MainMetric.name(run("test", metrics)));
    }

    @Test
    void aLossOrPerplexityIsNeverTheHeadline() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 5.06);
        metrics.put("perplexity", 158.0);
        assertEquals(Optional.empty(), MainMetric.name(run("test", metrics)));
        metrics.put("recall@1", 0.8);
        assertEquals(Optional.of("recall@1"), MainMetric.name(run("test", metrics)));
    }
}
