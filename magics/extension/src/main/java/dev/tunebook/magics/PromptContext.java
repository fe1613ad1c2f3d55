package dev.tunebook.magics;

import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.retrieval.RetrievedContext;
import dev.tunebook.finetune.retrieval.Retriever;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicUsageException;
import java.util.List;
import java.util.Map;

/**
 * {@code %%prompt --context IDX [--k N] [--query COL]}: fills the prompt's {@code {context}} for
 * every row with the passages index IDX retrieves for the row's query column ({@link
 * RetrievedContext}), retrieving the dataset's rows at once with a progress bar.
 */
final class PromptContext {
    static final String USAGE =
            "--context IDX: fill {context} for every row with the --k passages (default 3) that"
                    + " index IDX (from %index) retrieves for the row's --query column (default:"
                    + " the first other column the prompt names), one 'id: passage' per line, best"
                    + " first; the dataset's rows are retrieved now, other rows when rendered.";

    private PromptContext() {}

    static ChatPrompt attach(
            ChatPrompt prompt,
            PromptOptions options,
            List<? extends Map<String, ?>> rows,
            MagicContext context) {
        String index = options.context();
        if (!prompt.spec().columns().contains(RetrievedContext.COLUMN)) {
            throw new MagicUsageException(
                    "--context " + index + ": the prompt has no {context} placeholder to fill");
        }
        Retriever retriever = RetrievalVariables.retriever(context, index);
        String query = options.query() != null ? options.query() : defaultQuery(prompt, index);
        if (!rows.isEmpty() && !rows.get(0).containsKey(query)) {
            throw new MagicUsageException(
                    "--query "
                            + query
                            + ": the dataset has no column '"
                            + query
                            + "'; its columns: "
                            + String.join(", ", rows.get(0).keySet()));
        }
        RetrievedContext source;
        try {
            source = new RetrievedContext(retriever, index, query, options.k());
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(
                    "--k " + options.k() + ": index " + index + ": " + e.getMessage());
        }
        source.prefetch(
                rows,
                new EmbeddingBar(System.out, "retrieving {context} for " + rows.size() + " rows"),
                new KernelCancellation());
        return prompt.withContext(source);
    }

    private static String defaultQuery(ChatPrompt prompt, String index) {
        return prompt.spec().columns().stream()
                .filter(c -> !c.equals(RetrievedContext.COLUMN))
                .findFirst()
                .orElseThrow(
                        () ->
                                new MagicUsageException(
                                        "--context "
                                                + index
                                                + ": give --query COL, the column to retrieve"
                                                + " for (the prompt names no other column)"));
    }
}
