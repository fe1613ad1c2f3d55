package dev.tunebook.finetune.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accuracy, macro-F1, per-class scores and the confusion matrix of a single-label classification,
 * computed as scikit-learn computes them ({@code accuracy_score}, {@code
 * f1_score(average="macro")}, {@code precision_recall_fscore_support}, {@code confusion_matrix},
 * with {@code zero_division=0}).
 *
 * <p>Macro averages run over every label given (by default the sorted union of gold and predicted
 * labels, as scikit-learn does), so a label that is predicted but never gold counts with F1 0.
 * Instances are immutable.
 */
public final class ClassificationMetrics {
    private final List<String> gold;
    private final List<String> predicted;
    private final ConfusionMatrix matrix;
    private final List<ClassScore> perClass;

    private ClassificationMetrics(
            List<String> gold, List<String> predicted, ConfusionMatrix matrix) {
        this.gold = gold;
        this.predicted = predicted;
        this.matrix = matrix;
        this.perClass = scores(matrix);
    }

    /** Computes the metrics over the sorted union of the gold and predicted labels. */
    public static ClassificationMetrics of(List<String> gold, List<String> predicted) {
        TreeSet<String> labels = new TreeSet<>(gold);
        labels.addAll(predicted);
        return of(gold, predicted, new ArrayList<>(labels));
    }

    /**
     * Computes the metrics over {@code labels}, in that order.
     *
     * @throws IllegalArgumentException if the lists differ in length, are empty, or hold a label
     *     that is not in {@code labels}
     */
    public static ClassificationMetrics of(
            List<String> gold, List<String> predicted, List<String> labels) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(
                    "gold has " + gold.size() + " labels but predicted has " + predicted.size());
        }
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("no examples to score");
        }
        Map<String, Integer> index = new HashMap<>();
        for (String label : labels) {
            index.put(label, index.size());
        }
        int[][] counts = new int[labels.size()][labels.size()];
        for (int i = 0; i < gold.size(); i++) {
            counts[indexOf(index, gold.get(i), "gold", i)][
                    indexOf(index, predicted.get(i), "predicted", i)]++;
        }
        return new ClassificationMetrics(
                List.copyOf(gold), List.copyOf(predicted), new ConfusionMatrix(labels, counts));
    }

    private static int indexOf(Map<String, Integer> index, String label, String side, int row) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException(
                    side
                            + " label '"
                            + label
                            + "' at example "
                            + row
                            + " is not in the label set "
                            + index.keySet());
        }
        return i;
    }

    private static List<ClassScore> scores(ConfusionMatrix m) {
        int n = m.labels().size();
        List<ClassScore> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            int tp = m.count(c, c);
            int support = 0;
            int predictedAs = 0;
            for (int k = 0; k < n; k++) {
                support += m.count(c, k);
                predictedAs += m.count(k, c);
            }
            double precision = ratio(tp, predictedAs);
            double recall = ratio(tp, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out.add(new ClassScore(m.labels().get(c), precision, recall, f1, support));
        }
        return List.copyOf(out);
    }

    private static double ratio(int num, int den) {
        return den == 0 ? 0 : (double) num / den;
    }

    /** Returns the fraction of examples whose prediction equals the gold label. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            correct += gold.get(i).equals(predicted.get(i)) ? 1 : 0;
        }
        return (double) correct / gold.size();
    }

    /** Returns the unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        return perClass.stream().mapToDouble(ClassScore::f1).average().orElse(0);
    }

    /** Returns the unweighted mean of the per-class precisions. */
    public double macroPrecision() {
        return perClass.stream().mapToDouble(ClassScore::precision).average().orElse(0);
    }

    /** Returns the unweighted mean of the per-class recalls. */
    public double macroRecall() {
        return perClass.stream().mapToDouble(ClassScore::recall).average().orElse(0);
    }

    /** Returns one score per label, in label order. */
    public List<ClassScore> perClass() {
        return perClass;
    }

    /** Returns the confusion matrix. */
    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }

    /** Returns how many examples were scored. */
    public int size() {
        return gold.size();
    }

    /** Returns accuracy and the macro averages by name, for a run record's metrics. */
    public Map<String, Double> summary() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("accuracy", accuracy());
        out.put("macro_f1", macroF1());
        out.put("macro_precision", macroPrecision());
        out.put("macro_recall", macroRecall());
        return out;
    }
}
