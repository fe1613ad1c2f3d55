package dev.tunebook.finetune.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The figures a class reads in {@code %cost}: money with significant figures, gains in words. */
class GainOverBaselineTest {

    @Test
    void moneyKeepsThreeSignificantFiguresAtEverySize() {
        assertEquals("$4.21e-5", Money.usd(0.0000421234)); // a LoRA's T4 training, not 0.0000
        assertEquals("$4.2e-5", Money.usd(0.000042));
        assertEquals("$0.00123", Money.usd(0.0012345));
        assertEquals("$0.5", Money.usd(0.5));
        assertEquals("$12.3", Money.usd(12.345));
        assertEquals("$1230", Money.usd(1234.5));
        assertEquals("$0", Money.usd(0.0));
        assertEquals("-$3", Money.usd(-3.0));
        assertEquals("n/a", Money.usd(null));
    }

    @Test
    void aWorseFineTuneSaysSoInsteadOfANegativeRatio() {
        GainOverBaseline worse = new GainOverBaseline(-4.5, 0.001);
        assertEquals("worse than the baseline", worse.describe());
        assertTrue(Double.isNaN(worse.usdPerPoint()));
        assertEquals("worse than the baseline", new GainOverBaseline(-1, -0.5).describe());
    }

    @Test
    void gainsArePricedPerPoint() {
        // +11 points for $0.00071 more: 6.45e-5 dollars per point
        GainOverBaseline lora = new GainOverBaseline(11, 0.00071);
        assertEquals(0.00071 / 11, lora.usdPerPoint(), 1e-15);
        assertEquals("$6.45e-5", lora.describe());
        assertEquals("better and cheaper", new GainOverBaseline(3, -0.2).describe());
        assertEquals("better and cheaper", new GainOverBaseline(3, 0).describe());
        assertEquals("no gain", new GainOverBaseline(0, 2).describe());
    }
}
