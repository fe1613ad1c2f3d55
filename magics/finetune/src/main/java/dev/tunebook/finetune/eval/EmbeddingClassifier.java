package dev.tunebook.finetune.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classifies a text by the cosine similarity of its embedding to one prototype vector per label:
 * the embedding of a label description (zero-shot) or the centroid of a few labelled examples
 * (nearest centroid, k-shot). Nothing is trained.
 *
 * <p>Instances are not thread-safe (they share the encoder's model).
 */
public final class EmbeddingClassifier implements TextClassifier {
    private final TextEncoder encoder;
    private final List<String> labels;
    private final float[][] prototypes;

    private EmbeddingClassifier(TextEncoder encoder, List<String> labels, float[][] prototypes) {
        this.encoder = encoder;
        this.labels = List.copyOf(labels);
        this.prototypes = prototypes;
    }

    /**
     * Returns a zero-shot classifier whose prototype for {@code labels[i]} is the embedding of
     * {@code descriptions[i]} (e.g. "This is a positive review.").
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static EmbeddingClassifier zeroShot(
            TextEncoder encoder, List<String> labels, List<String> descriptions) {
        if (labels.isEmpty() || labels.size() != descriptions.size()) {
            throw new IllegalArgumentException(
                    descriptions.size() + " label descriptions for labels " + labels);
        }
        return new EmbeddingClassifier(encoder, labels, encoder.embed(descriptions));
    }

    /**
     * Returns a nearest-centroid classifier: each label's prototype is the mean of the normalised
     * embeddings of its examples, in the order of {@code examples}' keys.
     *
     * @throws IllegalArgumentException if a label has no examples
     */
    public static EmbeddingClassifier nearestCentroid(
            TextEncoder encoder, Map<String, List<String>> examples) {
        List<String> labels = new ArrayList<>(examples.keySet());
        List<String> texts = new ArrayList<>();
        for (String label : labels) {
            if (examples.get(label).isEmpty()) {
                throw new IllegalArgumentException("label '" + label + "' has no examples");
            }
            texts.addAll(examples.get(label));
        }
        float[][] all = encoder.embed(texts);
        float[][] centroids = new float[labels.size()][];
        int start = 0;
        for (int i = 0; i < labels.size(); i++) {
            int count = examples.get(labels.get(i)).size();
            centroids[i] = Vectors.mean(java.util.Arrays.copyOfRange(all, start, start + count));
            start += count;
        }
        return new EmbeddingClassifier(encoder, labels, centroids);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    /** Returns each label's prototype (a copy). */
    public float[][] prototypes() {
        float[][] copy = new float[prototypes.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = prototypes[i].clone();
        }
        return copy;
    }

    /** Returns, for every text, the cosine of its embedding to each label's prototype. */
    @Override
    public List<LabelScores> classify(List<String> texts) {
        float[][] embeddings = encoder.embed(texts);
        List<LabelScores> out = new ArrayList<>(texts.size());
        for (float[] e : embeddings) {
            out.add(new LabelScores(labels, cosines(e)));
        }
        return out;
    }

    private double[] cosines(float[] unit) {
        double[] scores = new double[prototypes.length];
        for (int i = 0; i < prototypes.length; i++) {
            double norm = Math.sqrt(Vectors.dot(prototypes[i], prototypes[i]));
            scores[i] = Vectors.dot(unit, prototypes[i]) / Math.max(norm, 1e-12);
        }
        return scores;
    }
}
