package dev.tunebook.kernel.jshell;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Keeps the variables JShell makes for expression results ({@code $1}, {@code $2}, ...) to the most
 * recent few and drops the older ones.
 *
 * <p>JShell imports every live declaration into each snippet it compiles, so without a bound every
 * expression cell made all later cells slower (a {@code 1+1} took 6 ms in a fresh session and 31 ms
 * after 1,200 expressions) and kept every value it ever showed reachable. Referring to a dropped
 * result gets a compile error with a hint that says so.
 */
final class ResultVariables {
    /** How many expression results stay reachable as {@code $N}. */
    static final int DEFAULT_KEEP = 20;

    private static final Pattern MISSING =
            Pattern.compile("symbol:\\s+variable (\\$\\d+)(?![\\w$])");

    private final JShell shell;
    private final int keep;
    private final Deque<String> kept = new ArrayDeque<>();
    private final java.util.Map<String, VarSnippet> declared = new java.util.HashMap<>();
    private PendingResults pending;
    private final Set<String> dropped = new HashSet<>();

    ResultVariables(JShell shell, int keep) {
        this.shell = shell;
        this.keep = Math.max(1, keep);
    }

    /** Returns the number of results kept, from {@code -Dtunebook.keepResults}. */
    static int configured() {
        return Integer.getInteger("tunebook.keepResults", DEFAULT_KEEP);
    }

    /** Sets where the results of expressions run without JShell are kept. */
    void pending(PendingResults results) {
        this.pending = results;
    }

    /**
     * Records {@code snippet} if it holds an expression's result, dropping the oldest past the
     * bound.
     */
    void add(Snippet snippet) {
        if (!(snippet instanceof VarSnippet variable)
                || snippet.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || !shell.status(snippet).isActive()) {
            return;
        }
        declared.put(variable.name(), variable);
        add(variable.name());
    }

    /** Records that a kept result was declared to JShell as {@code snippet}. */
    void declared(String name, VarSnippet snippet) {
        declared.put(name, snippet);
    }

    /** Records the result {@code name}, dropping the oldest past the bound. */
    void add(String name) {
        kept.addLast(name);
        while (kept.size() > keep) {
            String oldest = kept.removeFirst();
            VarSnippet variable = declared.remove(oldest);
            if (variable != null && shell.status(variable).isActive()) {
                shell.drop(variable);
                dropped.add(oldest);
            } else if (pending != null && pending.forget(oldest)) {
                dropped.add(oldest);
            }
        }
    }

    /** Returns a hint for compile errors that name a dropped result, or null. */
    String hint(List<Diag> errors) {
        for (Diag diag : errors) {
            Matcher matcher = MISSING.matcher(diag.getMessage(Locale.ROOT));
            if (matcher.find() && dropped.contains(matcher.group(1))) {
                return matcher.group(1)
                        + " was an earlier expression's result; tunebook keeps only the last "
                        + keep
                        + " results as $N (-Dtunebook.keepResults), so assign a value to a"
                        + " variable to keep it";
            }
        }
        return null;
    }
}
