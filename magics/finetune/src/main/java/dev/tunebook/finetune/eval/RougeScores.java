package dev.tunebook.finetune.eval;

import java.util.List;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L of one prediction against its reference, as {@code
 * rouge_score.RougeScorer(["rouge1", "rouge2", "rougeL"])} scores them (default tokenizer, no
 * stemming).
 *
 * @param rouge1 unigram overlap
 * @param rouge2 bigram overlap
 * @param rougeL longest common subsequence
 */
public record RougeScores(RougeScore rouge1, RougeScore rouge2, RougeScore rougeL) {

    /** Scores {@code prediction} against {@code reference}, tokenising each once. */
    public static RougeScores of(String reference, String prediction) {
        List<String> ref = RougeL.tokens(reference);
        List<String> pred = RougeL.tokens(prediction);
        return new RougeScores(
                RougeN.score(ref, pred, 1), RougeN.score(ref, pred, 2), RougeL.score(ref, pred));
    }
}
