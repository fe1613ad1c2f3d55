package dev.tunebook.kernel.jshell;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * The {@code $N} results of expressions that {@link FastCells} ran: each is kept here with its
 * static type until a snippet names it, and then declared to JShell (so that every later snippet,
 * JShell's or not, sees it as a variable of that type).
 *
 * <p>Not thread-safe; the session runs one cell at a time.
 */
final class PendingResults {
    private static final Pattern NAME = Pattern.compile("\\$\\d+(?![\\w$])");
    private static final AtomicLong sessions = new AtomicLong();

    private final JShell shell;
    private final String session = "s" + sessions.incrementAndGet() + ":";
    private final Map<String, String> types = new HashMap<>();

    PendingResults(JShell shell) {
        this.shell = shell;
    }

    /** Keeps {@code value}, of static type {@code type} (null when unknown), as {@code name}. */
    void add(String name, Object value, String type) {
        CellValues.put(session + name, value);
        types.put(name, type == null ? "Object" : type);
    }

    /** Returns true when {@code name} is a kept result not yet declared to JShell. */
    boolean holds(String name) {
        return types.containsKey(name);
    }

    /** Returns the kept value of {@code name}. */
    Object value(String name) {
        return CellValues.peek(session + name);
    }

    /** Forgets {@code name}; returns false when it was already declared to JShell. */
    boolean forget(String name) {
        CellValues.remove(session + name);
        return types.remove(name) != null;
    }

    /**
     * Declares to JShell every kept result that {@code source} names; returns the declarations
     * made, by name.
     */
    Map<String, VarSnippet> declareNamedIn(String source) {
        Map<String, VarSnippet> declared = new HashMap<>();
        if (types.isEmpty() || source.indexOf('$') < 0) {
            return declared;
        }
        Matcher m = NAME.matcher(source);
        while (m.find()) {
            String name = m.group();
            String type = types.remove(name);
            if (type != null) {
                VarSnippet snippet = declare(name, type);
                if (snippet == null && !type.equals("Object")) {
                    snippet = declare(name, "Object");
                }
                if (snippet != null) {
                    declared.put(name, snippet);
                }
            }
        }
        return declared;
    }

    private VarSnippet declare(String name, String type) {
        String key = session + name;
        Object value = CellValues.peek(key);
        String source =
                type
                        + " "
                        + name
                        + " = ("
                        + type
                        + ") "
                        + CellValues.class.getName()
                        + ".take(\""
                        + key
                        + "\");";
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() == null
                    && event.snippet() instanceof VarSnippet variable
                    && event.status() == Snippet.Status.VALID
                    && event.exception() == null) {
                return variable;
            }
        }
        CellValues.put(key, value);
        return null;
    }
}
