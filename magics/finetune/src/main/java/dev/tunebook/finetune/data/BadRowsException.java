package dev.tunebook.finetune.data;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a dataset has rows that cannot be loaded and bad rows are not being skipped. The
 * message lists the first problems; {@link #problems()} has all of them.
 */
public final class BadRowsException extends IOException {
    private static final int SHOWN = 10;
    private final List<RowProblem> problems;

    /** Creates an exception for {@code problems}, which must not be empty. */
    public BadRowsException(List<RowProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Returns every problem found, in file and line order. */
    public List<RowProblem> problems() {
        return problems;
    }

    private static String message(List<RowProblem> problems) {
        String shown =
                problems.stream()
                        .limit(SHOWN)
                        .map(RowProblem::toString)
                        .collect(Collectors.joining("\n  "));
        String more =
                problems.size() > SHOWN ? "\n  ... and " + (problems.size() - SHOWN) + " more" : "";
        return problems.size()
                + " bad row(s) (load with skipBadRows to keep going):\n  "
                + shown
                + more;
    }
}
