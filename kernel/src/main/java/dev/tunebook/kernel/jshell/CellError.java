package dev.tunebook.kernel.jshell;

import java.util.List;

/**
 * A failed cell as Jupyter shows it: the error's name (exception class, or {@code CompilationError}
 * / {@code Interrupted}), its message, and the traceback lines (user frames only, cell-relative
 * line numbers).
 */
public record CellError(String ename, String evalue, List<String> traceback) {
    public CellError {
        traceback = List.copyOf(traceback);
    }
}
