package dev.tunebook.finetune.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void roundsToSignificantDigits() {
        assertEquals("0.8085", Html.significant(0.8084577114427861, 4));
        assertEquals("0.7941", Html.significant(0.794117647058823, 4));
        assertEquals("0.0047", Html.significant(0.0047, 3));
        assertEquals("4.7e-5", Html.significant(0.000047, 3));
        assertEquals("1235", Html.significant(1234.56789, 4));
        assertEquals("1.2e15", Html.significant(1.2e15, 3));
        assertEquals("0", Html.significant(0, 3));
        assertEquals("", Html.significant(Double.NaN, 3));
        assertEquals("-inf", Html.significant(Double.NEGATIVE_INFINITY, 3));
    }

    @Test
    void formatsNumbersWithoutLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("0.6667", Html.number(2.0 / 3));
            assertEquals("3", Html.number(3.0));
            assertEquals("", Html.number(null));
            assertEquals("", Html.number(Double.NaN));
            assertEquals("0.00012", Html.number(0.00012));
            assertEquals("0.00001", Html.number(1e-5));
            assertEquals("1E-7", Html.number(1e-7));
            assertEquals("1234.5679", Html.number(1234.56789));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
