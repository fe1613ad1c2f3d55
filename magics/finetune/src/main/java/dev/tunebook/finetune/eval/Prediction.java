package dev.tunebook.finetune.eval;

/**
 * One evaluated example: what went in, the gold answer, what the model said, and its score.
 *
 * @param id the example's identifier in its dataset
 * @param input the text the model saw
 * @param gold the expected answer or label
 * @param predicted the model's answer or label
 * @param score the model's confidence in {@code predicted} (a probability or log-likelihood), or
 *     {@code null} if it gave none
 * @param correct whether {@code predicted} counts as right
 */
public record Prediction(
        String id, String input, String gold, String predicted, Double score, boolean correct) {

    /** Creates a prediction that is correct when {@code predicted} equals {@code gold}. */
    public static Prediction of(
            String id, String input, String gold, String predicted, Double score) {
        return new Prediction(id, input, gold, predicted, score, gold.equals(predicted));
    }
}
