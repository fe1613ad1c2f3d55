package dev.tunebook.finetune.retrieval;

import java.util.List;

/**
 * What one evaluation query retrieved.
 *
 * @param query the query text
 * @param relevant the id of the passage that answers it
 * @param rank the 1-based rank of the first passage with that id, or 0 when it is not retrieved
 *     within {@link RetrievalMetrics#DEPTH}
 * @param retrieved the passages retrieved, best first
 */
public record QueryResult(
        String query, String relevant, int rank, List<RetrievedPassage> retrieved) {
    /** Copies the list. */
    public QueryResult {
        retrieved = List.copyOf(retrieved);
    }

    /** Returns the rank of {@code relevant} among {@code retrieved}: 1-based, 0 when absent. */
    static int rankOf(String relevant, List<RetrievedPassage> retrieved) {
        for (RetrievedPassage p : retrieved) {
            if (p.id().equals(relevant)) {
                return p.rank();
            }
        }
        return 0;
    }
}
