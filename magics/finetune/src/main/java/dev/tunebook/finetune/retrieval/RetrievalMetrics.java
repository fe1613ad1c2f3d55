package dev.tunebook.finetune.retrieval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a retriever ranks the relevant passage: the share of queries whose relevant passage is
 * among the first 1, 5 and 10 retrieved (recall@k), and the mean of 1/rank of the first relevant
 * passage, 0 when it is not in the first 10 (MRR@10, as MS MARCO reports it).
 *
 * @param queries the number of queries
 * @param recallAt1 share of queries answered at rank 1
 * @param recallAt5 share answered within the first 5
 * @param recallAt10 share answered within the first 10
 * @param mrrAt10 mean reciprocal rank, cut at 10
 */
public record RetrievalMetrics(
        int queries, double recallAt1, double recallAt5, double recallAt10, double mrrAt10) {
    /** How many passages are retrieved per query to compute the metrics. */
    public static final int DEPTH = 10;

    /**
     * Returns the metrics of the given ranks: for each query the 1-based rank of its first relevant
     * passage, or 0 when none is within {@link #DEPTH}.
     *
     * @throws IllegalArgumentException when there are no ranks, or one is negative or past the
     *     depth
     */
    public static RetrievalMetrics of(List<Integer> ranks) {
        if (ranks.isEmpty()) {
            throw new IllegalArgumentException("no queries to score");
        }
        int at1 = 0;
        int at5 = 0;
        int at10 = 0;
        double reciprocal = 0;
        for (int rank : ranks) {
            if (rank < 0 || rank > DEPTH) {
                throw new IllegalArgumentException("rank " + rank + " outside 0.." + DEPTH);
            }
            if (rank == 0) {
                continue;
            }
            at1 += rank <= 1 ? 1 : 0;
            at5 += rank <= 5 ? 1 : 0;
            at10++;
            reciprocal += 1.0 / rank;
        }
        double n = ranks.size();
        return new RetrievalMetrics(ranks.size(), at1 / n, at5 / n, at10 / n, reciprocal / n);
    }

    /**
     * Returns the metrics by the names runs record: {@code recall@1}, {@code recall@5}, {@code
     * recall@10}, {@code mrr@10}.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("recall@1", recallAt1);
        out.put("recall@5", recallAt5);
        out.put("recall@10", recallAt10);
        out.put("mrr@10", mrrAt10);
        return out;
    }
}
