package dev.tunebook.finetune.view;

/** HTML escaping for the tables that the evaluation, run and cost packages render. */
public final class Html {
    private Html() {}

    /**
     * Returns {@code text} with {@code & < > " '} replaced by entities, so it is safe as element
     * content and inside quoted attributes; {@code null} becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Returns a number formatted for a table cell: up to four decimals at or above 1, four
     * significant digits below (scientific under 1e-6), no trailing zeros, and an empty cell for
     * {@code null} or NaN. Formatting ignores the default locale.
     */
    public static String number(Double value) {
        if (value == null || value.isNaN()) {
            return "";
        }
        if (value.isInfinite()) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        java.math.BigDecimal d = new java.math.BigDecimal(value);
        if (Math.abs(value) >= 1) {
            return d.setScale(4, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        d = d.round(new java.math.MathContext(4)).stripTrailingZeros();
        return Math.abs(value) >= 1e-6 ? d.toPlainString() : d.toString();
    }

    /**
     * Returns {@code value} rounded to {@code digits} significant digits without trailing zeros:
     * plain notation from 1e-4 up to 1e15, scientific ({@code 4.7e-5}) outside, an empty string for
     * NaN and {@code inf}/{@code -inf} for infinities. Formatting ignores the default locale.
     *
     * @throws IllegalArgumentException if {@code digits} is less than 1
     */
    public static String significant(double value, int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be at least 1, was " + digits);
        }
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        java.math.BigDecimal d =
                new java.math.BigDecimal(value)
                        .round(new java.math.MathContext(digits))
                        .stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-4 && abs < 1e15) {
            return d.toPlainString();
        }
        int exponent = d.precision() - d.scale() - 1;
        return d.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }
}
