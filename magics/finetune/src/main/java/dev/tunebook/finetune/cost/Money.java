package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.view.Html;

/**
 * Formats US dollar amounts for people: three significant figures whatever the size, so that a
 * LoRA's training cost of $0.0000421 reads as {@code $4.21e-5} instead of the {@code 0.0000} a
 * fixed number of decimals prints, and {@code $1,230} as {@code $1230}. Stateless.
 */
public final class Money {
    /** Significant figures of every amount shown. */
    public static final int DIGITS = 3;

    private Money() {}

    /**
     * Returns {@code usd} with {@link #DIGITS} significant figures and a dollar sign: {@code $0},
     * {@code $0.0012}, {@code $4.21e-5}, {@code $12.3}, {@code -$3}; {@code n/a} for {@code null}.
     */
    public static String usd(Double usd) {
        if (usd == null || usd.isNaN()) {
            return "n/a";
        }
        return (usd < 0 ? "-$" : "$") + Html.significant(Math.abs(usd), DIGITS);
    }
}
