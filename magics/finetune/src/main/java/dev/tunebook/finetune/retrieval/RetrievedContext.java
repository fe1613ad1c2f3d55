package dev.tunebook.finetune.retrieval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.prompt.ContextSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills a prompt's {@code {context}} for every row with the {@code k} passages a {@link Retriever}
 * finds for the row's query column, best first, one per line as {@code id: passage}: retrieval-
 * augmented generation as a prompt like any other, so it can be evaluated and fine-tuned.
 *
 * <pre>{@code
 * ChatPrompt rag = prompt.withContext(new RetrievedContext(packages, "packages", "synopsis", 3));
 * }</pre>
 *
 * <p>Each distinct query is retrieved once and remembered; {@link #prefetch} retrieves many rows'
 * queries in batches (what {@code %%prompt --context} does for the dataset), so that training and
 * evaluation find them ready. Instances are thread-safe.
 */
public final class RetrievedContext implements ContextSource {
    /** The column this source adds. */
    public static final String COLUMN = "context";

    private final Retriever retriever;
    private final String indexName;
    private final String queryColumn;
    private final int k;
    private final Map<String, String> contexts = new ConcurrentHashMap<>();

    /**
     * Creates a source that retrieves {@code k} passages for each row's {@code queryColumn}.
     *
     * @throws IllegalArgumentException when {@code k} is below 1 or above the index size
     */
    public RetrievedContext(Retriever retriever, String indexName, String queryColumn, int k) {
        retriever.index().checkK(k);
        this.retriever = retriever;
        this.indexName = indexName;
        this.queryColumn = queryColumn;
        this.k = k;
    }

    /** Returns the column whose value is the query. */
    public String queryColumn() {
        return queryColumn;
    }

    /** Returns how many passages each context holds. */
    public int k() {
        return k;
    }

    @Override
    public Set<String> columns() {
        return Set.of(COLUMN);
    }

    @Override
    public Map<String, String> values(Map<String, ?> row) {
        String query = query(row);
        String context = contexts.get(query);
        if (context == null) {
            synchronized (retriever) {
                context = contexts.computeIfAbsent(query, q -> format(retriever.retrieve(q, k)));
            }
        }
        return Map.of(COLUMN, context);
    }

    /**
     * Retrieves the contexts of {@code rows} not yet retrieved, embedding their queries in batches.
     *
     * @throws IllegalArgumentException naming the query column when a row lacks it
     * @throws java.util.concurrent.CancellationException once {@code cancellation} is cancelled;
     *     the contexts retrieved so far are kept
     */
    public void prefetch(
            List<? extends Map<String, ?>> rows,
            IndexProgress progress,
            Cancellation cancellation) {
        Set<String> missing = new LinkedHashSet<>();
        for (Map<String, ?> row : rows) {
            String query = query(row);
            if (!contexts.containsKey(query)) {
                missing.add(query);
            }
        }
        List<String> queries = new ArrayList<>(missing);
        synchronized (retriever) {
            List<List<RetrievedPassage>> found =
                    retriever.retrieve(queries, k, progress, cancellation);
            for (int i = 0; i < queries.size(); i++) {
                contexts.put(queries.get(i), format(found.get(i)));
            }
        }
    }

    /** Returns the passages as the context shows them: {@code id: passage}, one per line. */
    public static String format(List<RetrievedPassage> passages) {
        StringBuilder out = new StringBuilder();
        for (RetrievedPassage p : passages) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(p.id()).append(": ").append(p.passage());
        }
        return out.toString();
    }

    private String query(Map<String, ?> row) {
        if (!row.containsKey(queryColumn)) {
            throw new IllegalArgumentException(
                    "{"
                            + COLUMN
                            + "} from index "
                            + indexName
                            + " needs the query column '"
                            + queryColumn
                            + "', which the row lacks; its columns: "
                            + String.join(", ", row.keySet()));
        }
        Object value = row.get(queryColumn);
        return value == null ? "" : value.toString();
    }

    @Override
    public String toString() {
        return "index " + indexName + ", k " + k + ", query {" + queryColumn + "}";
    }
}
