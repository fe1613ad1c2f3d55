package dev.tunebook.finetune.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The runs no other run beats on both axes: lower-or-equal total cost with higher-or-equal
 * accuracy, strictly better on at least one. Runs with identical cost and accuracy do not dominate
 * each other, so both stay on the frontier.
 */
public final class ParetoFrontier {
    private ParetoFrontier() {}

    /**
     * Returns the non-dominated estimates among those with both accuracy and total cost, sorted by
     * cost then accuracy (ascending), the order in which to draw the frontier line.
     */
    public static List<CostEstimate> of(List<CostEstimate> estimates) {
        List<CostEstimate> points = estimates.stream().filter(CostEstimate::plottable).toList();
        List<CostEstimate> frontier = new ArrayList<>();
        for (CostEstimate p : points) {
            if (points.stream().noneMatch(q -> dominates(q, p))) {
                frontier.add(p);
            }
        }
        frontier.sort(
                Comparator.comparingDouble(CostEstimate::totalUsd)
                        .thenComparingDouble(CostEstimate::accuracy));
        return List.copyOf(frontier);
    }

    /**
     * Returns whether {@code q} is at least as good as {@code p} on both axes and better on one.
     */
    static boolean dominates(CostEstimate q, CostEstimate p) {
        double qc = q.totalUsd();
        double pc = p.totalUsd();
        boolean noWorse = qc <= pc && q.accuracy() >= p.accuracy();
        return noWorse && (qc < pc || q.accuracy() > p.accuracy());
    }
}
