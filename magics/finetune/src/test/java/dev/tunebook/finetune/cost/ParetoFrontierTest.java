package dev.tunebook.finetune.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tunebook.finetune.runs.RunKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontierTest {
    static CostEstimate point(String name, Double cost, Double accuracy) {
        return new CostEstimate(
                name,
                name,
                RunKind.FINETUNE,
                "lora",
                accuracy,
                "CPU",
                1.0,
                0.0,
                0.0,
                false,
                0.0,
                cost,
                false);
    }

    private static List<String> names(List<CostEstimate> points) {
        return points.stream().map(CostEstimate::runName).toList();
    }

    @Test
    void dominatedPointsAreDropped() {
        List<CostEstimate> points =
                List.of(
                        point("cheap", 1.0, 0.60),
                        point("dominated", 2.0, 0.55),
                        point("better", 3.0, 0.80),
                        point("pricey-worse", 5.0, 0.79),
                        point("best", 9.0, 0.90));
        assertEquals(List.of("cheap", "better", "best"), names(ParetoFrontier.of(points)));
    }

    @Test
    void identicalPointsBothStayAndEqualCostHigherAccuracyWins() {
        List<CostEstimate> points =
                List.of(
                        point("twin-a", 2.0, 0.7),
                        point("twin-b", 2.0, 0.7),
                        point("same-cost-worse", 2.0, 0.6),
                        point("same-acc-dearer", 3.0, 0.7));
        assertEquals(List.of("twin-a", "twin-b"), names(ParetoFrontier.of(points)));
    }

    @Test
    void unplottablePointsAreIgnoredAndOrderIsByCost() {
        List<CostEstimate> points =
                List.of(
                        point("b", 5.0, 0.9),
                        point("no-cost", null, 0.99),
                        point("no-accuracy", 0.1, null),
                        point("a", 1.0, 0.5));
        assertEquals(List.of("a", "b"), names(ParetoFrontier.of(points)));
        assertEquals(List.of(), ParetoFrontier.of(List.of()));
    }
}
