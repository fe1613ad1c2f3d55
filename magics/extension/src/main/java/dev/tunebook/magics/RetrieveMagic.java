package dev.tunebook.magics;

import dev.tunebook.finetune.retrieval.RetrievedPassage;
import dev.tunebook.finetune.retrieval.Retriever;
import dev.tunebook.finetune.view.TableView;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code %retrieve IDX "text" [--k 5]}: shows the passages an index ranks best for a query. */
final class RetrieveMagic implements Magic {
    static final String USAGE =
            "%retrieve IDX \"text\" [--k N]\n"
                    + "Shows the N passages (default 5) of index IDX (from %index) most similar to"
                    + " the text, best first: rank, id, cosine score and passage. N larger than the"
                    + " index is an error that names its size.";

    static MagicSpec spec() {
        return MagicSpec.line("retrieve", USAGE, new RetrieveMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) {
        MagicArguments parsed = MagicArguments.parse(args, Set.of("--k"), Set.of());
        List<String> words = parsed.positional();
        if (words.size() < 2) {
            throw new MagicUsageException("write %retrieve IDX \"text\" [--k N]");
        }
        Retriever retriever = RetrievalVariables.retriever(context, words.get(0));
        String query = String.join(" ", words.subList(1, words.size()));
        int k = (int) parsed.positive("--k", 5);
        List<RetrievedPassage> hits;
        try {
            hits = retriever.retrieve(query, k);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(
                    "--k " + k + ": index " + words.get(0) + ": " + e.getMessage());
        }
        TableView table = new TableView(List.of("rank", "id", "score", "passage"));
        for (RetrievedPassage p : hits) {
            table.add(
                    List.of(
                            Integer.toString(p.rank()),
                            p.id(),
                            String.format(Locale.ROOT, "%.4f", p.score()),
                            p.passage()));
        }
        return table;
    }
}
