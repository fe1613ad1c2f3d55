package dev.tunebook.kernel.jshell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;

/**
 * Builds the {@link CellError}s a notebook shows: compile errors at their cell line and column with
 * the line and a caret, runtime errors with the user's frames only (as cell lines) and their cause
 * chain, and interrupts.
 */
final class CellErrors {
    static final String COMPILATION_ERROR = "CompilationError";
    static final String INTERRUPTED = "Interrupted";
    private static final int MAX_FRAMES = 40;
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(F?\\d+)");

    private CellErrors() {}

    /** Returns the error for compile diagnostics of the snippet at {@code snippetOffset}. */
    static CellError compilation(
            CellText cell, int snippetOffset, List<Diag> diagnostics, String hint) {
        List<String> traceback = new ArrayList<>();
        String first = null;
        for (Diag diag : diagnostics) {
            long start =
                    diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
            int offset = snippetOffset + (int) Math.max(0, start);
            String where =
                    "line " + (cell.lineIndex(offset) + 1) + ", column " + cell.column(offset);
            String message = ReplNames.readable(diag.getMessage(Locale.ROOT));
            if (first == null) {
                first = where + ": " + message;
            }
            traceback.add("CompilationError at " + where + ": " + message);
            traceback.add("    " + cell.lineAt(offset));
            traceback.add("    " + " ".repeat(cell.column(offset) - 1) + "^");
        }
        if (hint != null) {
            traceback.add("hint: " + hint);
        }
        return new CellError(COMPILATION_ERROR, first == null ? "rejected" : first, traceback);
    }

    /** Returns the error for a declaration that refers to names not defined yet. */
    static CellError unresolved(CellText cell, int snippetOffset, String what, List<String> names) {
        String message =
                what + " cannot be used until " + String.join(", ", names) + " is declared";
        int line = cell.lineIndex(snippetOffset) + 1;
        return new CellError(
                COMPILATION_ERROR,
                "line " + line + ": " + message,
                List.of(
                        "CompilationError at line " + line + ": " + message,
                        "    " + cell.lineAt(snippetOffset)));
    }

    /** Returns the error the notebook shows after an interrupt. */
    static CellError interrupted() {
        String message = "The cell was interrupted; the notebook's state is kept.";
        return new CellError(INTERRUPTED, message, List.of(INTERRUPTED + ": " + message));
    }

    /** Returns an error with a name, a message and the message as its only traceback line. */
    static CellError simple(String ename, String message) {
        return new CellError(ename, message, List.of(ename + ": " + message));
    }

    /** Returns the error for {@code thrown}, showing only snippet frames, with its causes. */
    static CellError runtime(Throwable thrown, Map<String, SnippetOrigin> origins, int cell) {
        List<String> traceback = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            traceback.add(prefix + describe(t));
            traceback.addAll(condense(userFrames(t, origins, cell)));
            prefix = "Caused by: ";
        }
        String message = thrown.getMessage() == null ? "" : ReplNames.readable(thrown.getMessage());
        return new CellError(className(thrown), message, traceback);
    }

    /**
     * Returns the class name of {@code t}, or of the user exception JShell's copy stands for, as
     * the user wrote it.
     */
    private static String className(Throwable t) {
        return ReplNames.readable(
                t instanceof EvalException copy
                        ? copy.getExceptionClassName()
                        : t.getClass().getName());
    }

    /** Folds runs of one repeated frame (recursion) and caps the number of frames shown. */
    private static List<String> condense(List<String> frames) {
        List<String> shown = new ArrayList<>();
        int i = 0;
        while (i < frames.size() && shown.size() < MAX_FRAMES) {
            int run = 1;
            while (i + run < frames.size() && frames.get(i + run).equals(frames.get(i))) {
                run++;
            }
            shown.add(frames.get(i));
            if (run > 1) {
                shown.add("    ... the frame above repeated " + (run - 1) + " more times");
            }
            i += run;
        }
        if (i < frames.size()) {
            shown.add("    ... " + (frames.size() - i) + " more frames");
        }
        return shown;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null
                ? className(t)
                : className(t) + ": " + ReplNames.readable(t.getMessage());
    }

    private static List<String> userFrames(
            Throwable t, Map<String, SnippetOrigin> origins, int cell) {
        List<String> frames = new ArrayList<>();
        StackTraceElement[] stack = t.getStackTrace();
        boolean userSeen = false;
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement frame = stack[i];
            Matcher m = SNIPPET_FILE.matcher(String.valueOf(frame.getFileName()));
            if (m.matches()) {
                userSeen = true;
                frames.add("    at " + snippetFrame(frame, origins.get(m.group(1)), cell));
            } else if (!userSeen && i == 0) {
                frames.add("    at " + ReplNames.readable(frame.toString()));
            }
        }
        return frames;
    }

    private static String snippetFrame(StackTraceElement frame, SnippetOrigin origin, int cell) {
        String method = frame.getMethodName();
        String name = method.startsWith("do_it$") || method.isEmpty() ? null : userName(frame);
        String where;
        if (origin == null || frame.getLineNumber() < 0) {
            where = "an earlier cell";
        } else {
            int line = origin.firstLine() + frame.getLineNumber();
            where =
                    origin.cell() == cell
                            ? "line " + line + " of this cell"
                            : "line " + line + " of cell " + origin.cell();
        }
        return name == null ? where : name + " (" + where + ")";
    }

    private static String userName(StackTraceElement frame) {
        String method = frame.getMethodName();
        if (method.startsWith("lambda$")) {
            method = "lambda";
        }
        String type = frame.getClassName();
        return type.isEmpty() ? method : type + "." + method;
    }
}
