package dev.tunebook.kernel;

import java.util.function.UnaryOperator;

/**
 * Reads a line typed by the notebook's user: in Jupyter, {@link #readLine(String)} becomes an
 * {@code input_request} that the frontend shows as a text box ({@code System.in} reads do the
 * same). Where no one can answer (the headless runner, or a frontend that does not allow input), it
 * throws {@link IllegalStateException} saying why.
 *
 * <p>Thread-safe.
 */
public final class Input {
    private static volatile UnaryOperator<String> source =
            prompt -> {
                throw new IllegalStateException(
                        "no input available: not running inside a tunebook kernel");
            };

    private Input() {}

    /** Shows {@code prompt} and returns the line the user typed, without its line terminator. */
    public static String readLine(String prompt) {
        return source.apply(prompt == null ? "" : prompt);
    }

    /** Installs where lines come from. Called by the kernel or runner. */
    public static void install(UnaryOperator<String> lineSource) {
        source = lineSource;
    }
}
