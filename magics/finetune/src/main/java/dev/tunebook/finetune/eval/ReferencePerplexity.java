package dev.tunebook.finetune.eval;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.data.Collator;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.prompt.LossMask;
import dev.tunebook.finetune.tokenize.TokenizedText;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Perplexity of the reference answers given their prompts: every conversation is tokenised whole,
 * only the tokens of its final assistant turn are scored (as training scores them, end-of-turn
 * token included), and the negative log-likelihood is averaged over all scored tokens of all
 * examples. For a prompt with one assistant turn this is the perplexity {@code %finetune} reports
 * on the same split.
 */
final class ReferencePerplexity {
    private final CausalLanguageModel model;
    private final Tokenizer tokenizer;

    ReferencePerplexity(CausalLanguageModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Returns the scored examples: each conversation's ids with its reference tokens marked. */
    List<Example> examples(List<GenerationExample> examples) {
        List<Example> out = new ArrayList<>(examples.size());
        for (GenerationExample e : examples) {
            TokenizedText tokens = tokenizer.encode(e.rendering().trainingText(), false);
            boolean[] scored =
                    LossMask.trainedTokens(tokens.offsets(), e.referenceSpanInCodePoints());
            int[] ids = new int[tokens.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Math.toIntExact(tokens.ids()[i]);
            }
            out.add(Example.causal(ids, scored));
        }
        return out;
    }

    /**
     * Returns the perplexity over {@code examples} (from {@link #examples}), scoring {@code batch}
     * conversations at a time.
     *
     * @throws IllegalArgumentException if no reference token is scored
     */
    double of(List<Example> examples, int batch, GenerationProgress progress) {
        Collator collator = Collator.builder().setPadId(0).optMaxLength(Integer.MAX_VALUE).build();
        double total = 0;
        long counted = 0;
        int batches = (examples.size() + batch - 1) / batch;
        for (int start = 0; start < examples.size(); start += batch) {
            Cancellation.current().throwIfCancelled();
            Batch b =
                    collator.collate(
                            examples.subList(start, Math.min(examples.size(), start + batch)));
            long n = scored(b);
            if (n > 0) {
                try (NDManager scope = model.manager().newSubManager()) {
                    NDList in = b.toNDList(scope);
                    total += model.loss(in.get(0), in.get(1), in.get(2)).getFloat() * (double) n;
                    counted += n;
                }
            }
            progress.batchDone("scoring references", start / batch + 1, batches);
        }
        return Perplexity.fromTotalNll(total, counted);
    }

    /** Counts the positions whose next token is scored: the terms of the shifted loss. */
    private static long scored(Batch batch) {
        long n = 0;
        for (int row = 0; row < batch.batchSize(); row++) {
            for (int t = 1; t < batch.length(); t++) {
                n += batch.label(row, t) == Batch.IGNORE_INDEX ? 0 : 1;
            }
        }
        return n;
    }
}
