package dev.tunebook.kernel.jshell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the names JShell generates for its wrapper classes into the names the user wrote. JShell
 * compiles each snippet into a class {@code REPL.$JShell$33} (a letter may follow the number when a
 * snippet is redefined): a notebook variable {@code o} is its field {@code REPL.$JShell$33.o}, a
 * class {@code Foo} is its member {@code REPL.$JShell$12$Foo}. The JVM puts these names into
 * exception messages (helpful null-pointer messages, class cast messages, a user exception's class
 * name), where they mean nothing to the user.
 */
final class ReplNames {
    /** A wrapper class name, with the separator before a member name when one follows. */
    private static final Pattern WRAPPER =
            Pattern.compile(
                    "(?:\\bREPL\\.)?\\$JShell\\$F?\\d+[A-Z]*([.$](?=[\\p{javaJavaIdentifierStart}]))?");

    private ReplNames() {}

    /**
     * Returns {@code text} with every JShell wrapper class name removed before the member it holds
     * ({@code REPL.$JShell$33.o} becomes {@code o}, {@code $JShell$12$Foo} becomes {@code Foo}) and
     * replaced by {@code cell} where it stands alone; null stays null.
     */
    static String readable(String text) {
        if (text == null || !text.contains("$JShell$")) {
            return text;
        }
        Matcher m = WRAPPER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, m.group(1) != null ? "" : "cell");
        }
        m.appendTail(out);
        return out.toString();
    }
}
