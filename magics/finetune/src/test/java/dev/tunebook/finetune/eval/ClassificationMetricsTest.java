package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void perClassScoresMatchSklearnDocumentedExample() {
        // precision_recall_fscore_support docs: per class precision [0.667, 0, 0],
        // recall [1, 0, 0], f1 [0.8, 0, 0], support [2, 2, 2]; macro (0.222, 0.333, 0.267).
        List<String> gold = List.of("cat", "dog", "pig", "cat", "dog", "pig");
        List<String> pred = List.of("cat", "pig", "dog", "cat", "cat", "dog");
        ClassificationMetrics m = ClassificationMetrics.of(gold, pred);
        ClassScore cat = m.perClass().get(0);
        assertEquals("cat", cat.label());
        assertEquals(2.0 / 3, cat.precision(), EPS);
        assertEquals(1.0, cat.recall(), EPS);
        assertEquals(0.8, cat.f1(), EPS);
        assertEquals(2, cat.support());
        assertEquals(0.0, m.perClass().get(1).f1(), EPS);
        assertEquals(2.0 / 9, m.macroPrecision(), EPS);
        assertEquals(1.0 / 3, m.macroRecall(), EPS);
        assertEquals(0.8 / 3, m.macroF1(), EPS);
        assertEquals(1.0 / 3, m.accuracy(), EPS);
    }

    @Test
    void macroF1MatchesSklearnF1ScoreExample() {
        // f1_score docs: y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1] -> macro 0.26666...
        List<String> gold = List.of("0", "1", "2", "0", "1", "2");
        List<String> pred = List.of("0", "2", "1", "0", "0", "1");
        assertEquals(0.26666666666666666, ClassificationMetrics.of(gold, pred).macroF1(), EPS);
    }

    @Test
    void confusionMatrixMatchesSklearnExample() {
        // confusion_matrix docs: [[2,0,0],[0,0,1],[1,0,2]]
        List<String> gold = List.of("2", "0", "2", "2", "0", "1");
        List<String> pred = List.of("0", "0", "2", "2", "0", "2");
        int[][] counts = ClassificationMetrics.of(gold, pred).confusionMatrix().counts();
        assertArrayEquals(new int[] {2, 0, 0}, counts[0]);
        assertArrayEquals(new int[] {0, 0, 1}, counts[1]);
        assertArrayEquals(new int[] {1, 0, 2}, counts[2]);
    }

    @Test
    void labelPredictedButNeverGoldCountsInMacroAverage() {
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "a"), List.of("a", "b"));
        assertEquals(List.of("a", "b"), m.confusionMatrix().labels());
        // a: p=1, r=0.5, f1=2/3; b: p=0, r=0 (zero_division=0) -> macro 1/3
        assertEquals(1.0 / 3, m.macroF1(), EPS);
        assertEquals(0, m.perClass().get(1).support());
    }

    @Test
    void explicitLabelOrderIsKept() {
        ClassificationMetrics m =
                ClassificationMetrics.of(
                        List.of("pos", "neg"), List.of("pos", "pos"), List.of("pos", "neg"));
        assertEquals(List.of("pos", "neg"), m.confusionMatrix().labels());
        assertEquals(1, m.confusionMatrix().count(1, 0));
    }

    @Test
    void badInputNamesTheProblem() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ClassificationMetrics.of(List.of("a"), List.of("a", "b")));
        assertTrue(e.getMessage().contains("gold has 1"), e.getMessage());
        var unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ClassificationMetrics.of(List.of("a"), List.of("z"), List.of("a")));
        assertTrue(unknown.getMessage().contains("'z' at example 0"), unknown.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ClassificationMetrics.of(List.of(), List.of()));
    }

    @Test
    void summaryNamesTheMetrics() {
        var s = ClassificationMetrics.of(List.of("a", "b"), List.of("a", "b")).summary();
        assertEquals(
                List.of("accuracy", "macro_f1", "macro_precision", "macro_recall"),
                List.copyOf(s.keySet()));
        assertEquals(1.0, s.get("accuracy"), EPS);
    }
}
