package dev.tunebook.kernel.jupyter;

import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.CellSession;
import dev.tunebook.kernel.jshell.Completion;
import dev.tunebook.kernel.jshell.Inspection;
import dev.tunebook.kernel.jshell.IsComplete;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A session that is still being built (JShell and the extensions take a second or more). The kernel
 * answers {@code kernel_info} at once; requests that need the session wait for it here. An
 * interrupt before the session exists has nothing to stop.
 *
 * <p>Thread-safe.
 */
final class StartingSession implements CellSession {
    private final CompletableFuture<? extends CellSession> session;

    StartingSession(CompletableFuture<? extends CellSession> session) {
        this.session = session;
    }

    private CellSession get() {
        return session.join();
    }

    @Override
    public CellResult execute(String code) {
        return get().execute(code);
    }

    @Override
    public CellResult evaluate(String expression) {
        return get().evaluate(expression);
    }

    @Override
    public void interrupt() {
        CellSession ready = session.getNow(null);
        if (ready != null) {
            ready.interrupt();
        }
    }

    @Override
    public Completion complete(String code, int cursor) {
        return get().complete(code, cursor);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        return get().inspect(code, cursor, detailLevel);
    }

    @Override
    public IsComplete isComplete(String code) {
        return get().isComplete(code);
    }

    @Override
    public RendererRegistry renderers() {
        return get().renderers();
    }

    @Override
    public List<MagicSpec> magics() {
        return get().magics();
    }

    @Override
    public void close() {
        get().close();
    }
}
