package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RocAucTest {
    @Test
    void matchesSklearnDocumentedExample() {
        // roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) == 0.75
        boolean[] y = {false, false, true, true};
        assertEquals(0.75, RocAuc.of(y, new double[] {0.1, 0.4, 0.35, 0.8}), 1e-12);
    }

    @Test
    void tiesCountOneHalf() {
        // roc_auc_score([0,1],[0.5,0.5]) == 0.5; ([0,0,1,1],[.1,.5,.5,.9]) == 0.875
        assertEquals(0.5, RocAuc.of(new boolean[] {false, true}, new double[] {0.5, 0.5}), 1e-12);
        boolean[] y = {false, false, true, true};
        assertEquals(0.875, RocAuc.of(y, new double[] {0.1, 0.5, 0.5, 0.9}), 1e-12);
    }

    @Test
    void perfectAndInvertedRankings() {
        boolean[] y = {true, false, true, false};
        assertEquals(1.0, RocAuc.of(y, new double[] {3, 1, 4, 2}), 1e-12);
        assertEquals(0.0, RocAuc.of(y, new double[] {-3, -1, -4, -2}), 1e-12);
    }

    @Test
    void oneClassOrNanIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> RocAuc.of(new boolean[] {true, true}, new double[] {0.1, 0.2}));
        assertThrows(
                IllegalArgumentException.class,
                () -> RocAuc.of(new boolean[] {true, false}, new double[] {Double.NaN, 0.2}));
        assertThrows(
                IllegalArgumentException.class,
                () -> RocAuc.of(new boolean[] {true}, new double[] {0.1, 0.2}));
    }

    @Test
    void rocAucByLabelName() {
        var gold = java.util.List.of("neg", "neg", "pos", "pos");
        assertEquals(0.75, RocAuc.of(gold, "pos", new double[] {0.1, 0.4, 0.35, 0.8}), 1e-12);
    }
}
