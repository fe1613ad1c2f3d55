package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavadocTextTest {
    private static final String RAW =
            "Returns the greater of two {@code int} values. That is, the\n"
                    + " result is closer to {@link Integer#MAX_VALUE}.\n"
                    + " <p>\n"
                    + " See {@linkplain java.util.List#of() the list factory}.\n"
                    + "\n"
                    + " @param <E> the element type\n"
                    + " @return the {@literal a<b} result\n";

    @Test
    void plainTextDropsTagsAndKeepsTheirText() {
        assertEquals(
                "Returns the greater of two int values. That is, the\n"
                        + "result is closer to Integer.MAX_VALUE.\n"
                        + "\n"
                        + "See the list factory.\n"
                        + "\n"
                        + "@param <E> the element type\n"
                        + "@return the a<b result",
                JavadocText.plain(RAW));
    }

    @Test
    void summaryIsTheFirstSentence() {
        assertEquals("Returns the greater of two int values.", JavadocText.summary(RAW));
        assertEquals("No period here", JavadocText.summary("No period here\n@since 9"));
    }
}
