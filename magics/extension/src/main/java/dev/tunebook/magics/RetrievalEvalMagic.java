package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.retrieval.RetrievalEvaluation;
import dev.tunebook.finetune.retrieval.RetrievalEvaluator;
import dev.tunebook.finetune.retrieval.Retriever;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicUsageException;
import java.util.List;
import java.util.Set;

/**
 * {@code %eval --index IDX --query COL --relevant COL [--data DATASET] [--split S]}: measures an
 * index's recall@1/5/10 and MRR@10 ({@link RetrievalEvaluator}) and records an {@code eval} run of
 * method {@code retrieval}. {@code %eval} hands its arguments here when they name {@code --index}.
 */
final class RetrievalEvalMagic {
    static final String USAGE =
            "%eval --index IDX --query COL --relevant COL [--data DATASET] [--split S]\n"
                    + "Retrieval: each row's COL text is a query whose answer is the passage whose"
                    + " id (%index --id) is the row's --relevant value; records recall@1, @5, @10"
                    + " and MRR@10 as a run of kind eval, method retrieval, and shows misses"
                    + " first. --data: default dataset; --split: default every row.";

    private static final Set<String> VALUED =
            Set.of("--index", "--query", "--relevant", "--data", "--split");

    private RetrievalEvalMagic() {}

    /** Returns whether {@code %eval}'s arguments ask for a retrieval evaluation. */
    static boolean applies(String args) {
        return MagicArguments.words(args).contains("--index");
    }

    static Object run(String args, MagicContext context) {
        MagicArguments parsed = MagicArguments.parse(args, VALUED, Set.of());
        if (!parsed.positional().isEmpty()) {
            throw new MagicUsageException("unexpected " + parsed.positional().get(0));
        }
        for (String required : List.of("--query", "--relevant")) {
            if (!parsed.has(required)) {
                throw new MagicUsageException(required + " COL is required with --index");
            }
        }
        String indexName = parsed.get("--index", null);
        Retriever retriever = RetrievalVariables.retriever(context, indexName);
        Dataset dataset = RetrievalVariables.dataset(context, parsed.variable("--data", "dataset"));
        String split = parsed.get("--split", null);
        int[] rows = RetrievalVariables.rows(dataset, split);
        List<String> queries =
                RetrievalVariables.column(dataset, "--query", parsed.get("--query", null), rows);
        List<String> relevant =
                RetrievalVariables.column(
                        dataset, "--relevant", parsed.get("--relevant", null), rows);
        RunRecord run =
                RunRecord.builder(RunKind.EVAL, "retrieval " + indexName)
                        .optDataset(dataset.name())
                        .optSplit(split == null ? "all" : split)
                        .putHyperparameter("query_column", parsed.get("--query", null))
                        .putHyperparameter("relevant_column", parsed.get("--relevant", null))
                        .build();
        RetrievalEvaluation evaluation;
        try {
            evaluation =
                    RetrievalEvaluator.record(
                            NotebookVariables.runStore(context),
                            run,
                            indexName,
                            retriever,
                            queries,
                            relevant,
                            new EmbeddingBar(System.out, "embedding queries"),
                            new KernelCancellation());
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        return evaluation;
    }
}
