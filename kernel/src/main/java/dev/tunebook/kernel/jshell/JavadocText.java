package dev.tunebook.kernel.jshell;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw javadoc comment text (as JShell returns it) into plain text for a notebook: inline tags
 * become their text, HTML tags go, and the summary is the first sentence.
 */
final class JavadocText {
    private static final Pattern CODE =
            Pattern.compile("\\{@(?:code|literal)\\s+((?:[^{}]|\\{[^{}]*\\})*)\\}");
    private static final Pattern LINK =
            Pattern.compile("\\{@(?:link|linkplain)\\s+([^}\\s]+)(?:\\s+([^}]*))?\\}");
    private static final Pattern OTHER_INLINE = Pattern.compile("\\{@\\w+\\s*([^}]*)\\}");
    private static final Pattern HTML = Pattern.compile("</?(?![A-Z]>)[a-zA-Z][^>]*>");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");

    private JavadocText() {}

    /** Returns {@code javadoc} as plain text, block tags ({@code @param} ...) kept as lines. */
    static String plain(String javadoc) {
        String text = javadoc.replace("\r", "");
        text = CODE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        text = LINK.matcher(text).replaceAll(JavadocText::linkText);
        text = OTHER_INLINE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        text = HTML.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            lines.append(line.startsWith(" ") ? line.substring(1) : line).append('\n');
        }
        return lines.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Returns the first sentence of {@code javadoc} as plain text, on one line. */
    static String summary(String javadoc) {
        String text = plain(javadoc);
        int tags = text.indexOf("\n@");
        String body = (tags < 0 ? text : text.substring(0, tags)).replaceAll("\\s+", " ").strip();
        Matcher end = SENTENCE_END.matcher(body);
        return end.find() ? body.substring(0, end.start() + 1) : body;
    }

    private static String linkText(MatchResult m) {
        String label = m.group(2) != null ? m.group(2) : m.group(1).replace('#', '.');
        if (label.startsWith(".")) {
            label = label.substring(1);
        }
        return Matcher.quoteReplacement(label);
    }
}
