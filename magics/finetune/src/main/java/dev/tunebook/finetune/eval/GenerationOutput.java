package dev.tunebook.finetune.eval;

/**
 * One generated answer and its scores: a row of the per-example table.
 *
 * @param id the row's index in the dataset
 * @param input the last user turn
 * @param reference the expected answer
 * @param output what the model generated (special tokens and the end-of-sequence token removed)
 * @param promptTokens tokens of the prompt the model was given
 * @param outputTokens tokens generated, not counting the end-of-sequence token
 * @param rouge ROUGE-1/2/L of the output against the reference
 * @param exactMatch whether output and reference are equal after SQuAD's normalisation
 */
public record GenerationOutput(
        String id,
        String input,
        String reference,
        String output,
        int promptTokens,
        int outputTokens,
        RougeScores rouge,
        boolean exactMatch) {}
