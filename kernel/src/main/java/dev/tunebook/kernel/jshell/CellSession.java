package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.RendererRegistry;
import java.util.List;

/**
 * One notebook's evaluation state: a JShell, the magics and the renderers. Both the Jupyter
 * protocol kernel and the headless notebook runner drive a session; neither knows how a cell is
 * evaluated. The session writes cell output to {@code System.out}/{@code System.err} (the caller
 * routes those streams) and displays through {@link dev.tunebook.kernel.Display}.
 *
 * <p>Calls to {@link #execute} are serial; {@link #interrupt} may come from any thread.
 */
public interface CellSession extends AutoCloseable {
    /** Executes one cell (Java snippets and magics) and returns its value or error. */
    CellResult execute(String code);

    /** Evaluates one expression (for {@code user_expressions}); never changes history. */
    CellResult evaluate(String expression);

    /** Stops the running cell: user loops, blocking calls, and cooperative library code. */
    void interrupt();

    /** Returns completions at {@code cursor} (a UTF-16 offset into {@code code}). */
    Completion complete(String code, int cursor);

    /** Returns documentation for the name at {@code cursor}. */
    Inspection inspect(String code, int cursor, int detailLevel);

    /** Returns whether {@code code} is complete, incomplete or invalid. */
    IsComplete isComplete(String code);

    /** Returns the renderer registry (built-ins plus those extensions registered). */
    RendererRegistry renderers();

    /** Returns every registered magic, line and cell. */
    List<MagicSpec> magics();

    @Override
    void close();
}
