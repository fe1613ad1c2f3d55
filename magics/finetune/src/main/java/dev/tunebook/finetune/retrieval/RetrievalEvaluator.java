package dev.tunebook.finetune.retrieval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RecordedWork;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Measures a {@link Retriever} on (query, relevant passage id) pairs and records the result as a
 * run of kind {@code eval}, method {@code retrieval}: recall@1/5/10 and MRR@10 ({@link
 * RetrievalMetrics}) under the run's split, and in its hyperparameters the index (name, passages),
 * the encoder and the depth.
 *
 * <pre>{@code
 * RetrievalEvaluation e = RetrievalEvaluator.record(
 *         RunStore.open(), RunRecord.of(RunKind.EVAL, "retrieval packages").setSplit("test"),
 *         "packages", packages, synopses, packageNames, IndexProgress.NONE, Cancellation.NONE);
 * }</pre>
 */
public final class RetrievalEvaluator {
    private RetrievalEvaluator() {}

    /**
     * Checks the pairs against the retriever, then retrieves {@value RetrievalMetrics#DEPTH}
     * passages per query and records the metrics: the run is created {@code running} and ends
     * {@code completed}, {@code interrupted} (a {@link CancellationException} is rethrown) or
     * {@code failed}. Input that does not fit is refused before anything is recorded.
     *
     * @param run the record to fill (its split names the metrics' split, {@code test} if unset)
     * @param indexName the name the run records for the index
     * @throws IllegalArgumentException when queries and relevant ids differ in number or are none,
     *     a query is blank, the index holds fewer than {@value RetrievalMetrics#DEPTH} passages, or
     *     a relevant id is not in the index (naming the query and the id)
     */
    public static RetrievalEvaluation record(
            RunStore store,
            RunRecord run,
            String indexName,
            Retriever retriever,
            List<String> queries,
            List<String> relevant,
            IndexProgress progress,
            Cancellation cancellation) {
        check(indexName, retriever, queries, relevant);
        String split = run.split() != null ? run.split() : "test";
        RunRecord filled =
                run.toBuilder()
                        .optSplit(split)
                        .optMethod("retrieval")
                        .optModel(retriever.encoderId().name())
                        .optDevice(
                                DeviceLabel.of(retriever.encoder().model().manager().getDevice()))
                        .putHyperparameter("index", indexName)
                        .putHyperparameter("passages", retriever.size())
                        .putHyperparameter("encoder", retriever.encoderId().name())
                        .putHyperparameter("dimension", retriever.encoderId().dimension())
                        .putHyperparameter("depth", RetrievalMetrics.DEPTH)
                        .putHyperparameter("queries", queries.size())
                        .build();
        List<QueryResult> results = new ArrayList<>(queries.size());
        RecordedWork.Outcome<RetrievalMetrics> outcome =
                RecordedWork.recordRun(
                        store,
                        filled,
                        recorder -> {
                            List<List<RetrievedPassage>> retrieved =
                                    retriever.retrieve(
                                            queries,
                                            RetrievalMetrics.DEPTH,
                                            progress,
                                            cancellation);
                            List<Integer> ranks = new ArrayList<>(queries.size());
                            for (int i = 0; i < queries.size(); i++) {
                                int rank = QueryResult.rankOf(relevant.get(i), retrieved.get(i));
                                ranks.add(rank);
                                results.add(
                                        new QueryResult(
                                                queries.get(i),
                                                relevant.get(i),
                                                rank,
                                                retrieved.get(i)));
                            }
                            RetrievalMetrics m = RetrievalMetrics.of(ranks);
                            recorder.metrics(split, m.asMap());
                            return m;
                        });
        return new RetrievalEvaluation(store.require(outcome.run().id()), outcome.value(), results);
    }

    private static void check(
            String indexName, Retriever retriever, List<String> queries, List<String> relevant) {
        if (queries.size() != relevant.size()) {
            throw new IllegalArgumentException(
                    queries.size() + " queries but " + relevant.size() + " relevant ids");
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries to evaluate");
        }
        if (retriever.size() < RetrievalMetrics.DEPTH) {
            throw new IllegalArgumentException(
                    "recall@"
                            + RetrievalMetrics.DEPTH
                            + " needs an index of at least "
                            + RetrievalMetrics.DEPTH
                            + " passages; index "
                            + indexName
                            + " holds "
                            + retriever.size());
        }
        Set<String> ids = new HashSet<>(retriever.index().ids());
        int missing = 0;
        String first = null;
        for (int i = 0; i < queries.size(); i++) {
            if (queries.get(i) == null || queries.get(i).isBlank()) {
                throw new IllegalArgumentException(
                        "query " + i + " (relevant id " + relevant.get(i) + ") is empty");
            }
            if (!ids.contains(relevant.get(i))) {
                missing++;
                first = first != null ? first : "'" + relevant.get(i) + "' of query " + i;
            }
        }
        if (missing > 0) {
            throw new IllegalArgumentException(
                    missing
                            + " of "
                            + queries.size()
                            + " relevant ids are not in index "
                            + indexName
                            + ", first "
                            + first
                            + ": such a query can never be answered; index the passages it asks"
                            + " for, or leave it out");
        }
    }
}
