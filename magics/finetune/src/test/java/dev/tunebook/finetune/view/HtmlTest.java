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
