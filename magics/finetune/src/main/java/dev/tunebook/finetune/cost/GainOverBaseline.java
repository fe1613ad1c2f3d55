package dev.tunebook.finetune.cost;

/**
 * What a fine-tune buys over the best baseline: the accuracy points it gains (one point is one
 * percent of accuracy) and the extra total cost it takes, read as the dollars each point costs.
 *
 * @param points accuracy gained in percentage points (negative when the fine-tune is worse)
 * @param extraUsd total cost above the baseline's (negative when the fine-tune is cheaper)
 */
public record GainOverBaseline(double points, double extraUsd) {

    /** Compares {@code run} with {@code baseline}; both must be plottable. */
    public static GainOverBaseline of(CostEstimate run, CostEstimate baseline) {
        return new GainOverBaseline(
                100 * (run.accuracy() - baseline.accuracy()), run.totalUsd() - baseline.totalUsd());
    }

    /**
     * Returns the extra dollars per point gained, or NaN when there is no such price: no gain, or a
     * gain at no extra cost.
     */
    public double usdPerPoint() {
        return points > 0 && extraUsd > 0 ? extraUsd / points : Double.NaN;
    }

    /**
     * Returns the cell {@code %cost} shows: {@code $0.0012} (per point gained), {@code better and
     * cheaper}, {@code worse than the baseline}, or {@code no gain}.
     */
    public String describe() {
        if (points < 0) {
            return "worse than the baseline";
        }
        if (points == 0) {
            return "no gain";
        }
        return extraUsd <= 0 ? "better and cheaper" : Money.usd(usdPerPoint());
    }
}
