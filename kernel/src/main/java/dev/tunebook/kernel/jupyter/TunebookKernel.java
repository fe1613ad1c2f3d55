package dev.tunebook.kernel.jupyter;

import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.Input;
import dev.tunebook.kernel.Interrupts;
import dev.tunebook.kernel.jshell.CellSession;
import dev.tunebook.kernel.jshell.Completion;
import dev.tunebook.kernel.jshell.Inspection;
import dev.tunebook.kernel.jshell.IsComplete;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jupyter kernel: serves shell requests on one thread (execute, complete, inspect, is_complete,
 * history, kernel_info, comm_info, shutdown) and control requests (interrupt, shutdown,
 * kernel_info) on another, so an interrupt arrives while a cell runs. Every request is bracketed by
 * {@code busy}/{@code idle} status messages. SIGINT interrupts like {@code interrupt_request}.
 *
 * <p>Thread-safe as used: each channel has one thread.
 */
public final class TunebookKernel {
    private static final Logger LOG = LoggerFactory.getLogger(TunebookKernel.class);

    private final KernelConnection connection;
    private final CellSession session;
    private final HistoryStore history;
    private final OutputRouter router;
    private final ExecuteHandler executor;
    private final ChannelLoop shellLoop;
    private final ChannelLoop controlLoop;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean shuttingDown;

    /**
     * Creates a kernel serving {@code session} on {@code connection}. The session may still be
     * being built: the kernel answers kernel_info meanwhile, and cells wait for it.
     */
    public TunebookKernel(
            KernelConnection connection,
            CompletableFuture<? extends CellSession> session,
            HistoryStore history) {
        this.connection = connection;
        this.history = history;
        this.router = new OutputRouter(connection);
        this.session =
                new StartingSession(
                        session.thenApply(
                                ready -> {
                                    Display.install(router, ready.renderers());
                                    return ready;
                                }));
        this.executor = new ExecuteHandler(connection, router, this.session, history);
        this.shellLoop = new ChannelLoop(connection.shell(), m -> onShell(m, false));
        this.controlLoop = new ChannelLoop(connection.control(), this::onControl);
    }

    /** Binds the sockets, routes output and input, and starts serving. */
    public void start() {
        connection.bind();
        FrontendInput input = new FrontendInput(connection, router);
        Input.install(prompt -> input.readLine(prompt, false));
        System.setIn(new FrontendInputStream(input));
        router.installStandardStreams();
        SignalInterrupt.install(this::interrupt);
        shellLoop.start();
        controlLoop.start();
    }

    /** Blocks until a shutdown request was served. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops the running cell (interrupt_request and SIGINT). */
    void interrupt() {
        LOG.info("Interrupt requested");
        Interrupts.request();
        session.interrupt();
    }

    private void onShell(Message<?> message, boolean queuedBeforeError) {
        serve(connection.shell(), message, queuedBeforeError);
        if (executor.takeAbortPending()) {
            // Whatever is already queued is answered now; its date decides whether it was sent
            // before the failure (aborted) or in reaction to the error reply (runs).
            for (Message<?> queued : shellLoop.drain()) {
                onShell(queued, false);
            }
        }
    }

    private void onControl(Message<?> message) {
        serve(connection.control(), message, false);
    }

    private void serve(KernelSocket socket, Message<?> message, boolean queuedBeforeError) {
        String type = message.getHeader().getType().getName();
        connection.publish(message, "status", Map.of("execution_state", "busy"));
        ReplyBatch replies = new ReplyBatch(connection);
        try {
            dispatch(socket, message, type, queuedBeforeError, replies);
        } finally {
            router.flush();
            connection.publish(message, "status", Map.of("execution_state", "idle"));
            replies.send();
            if (shuttingDown) {
                stopped.countDown();
            }
        }
    }

    private void dispatch(
            KernelSocket socket,
            Message<?> message,
            String type,
            boolean queuedBeforeError,
            ReplyBatch replies) {
        ReplySender reply = (t, c) -> replies.reply(socket, message, t, c);
        switch (type) {
            case "execute_request" -> executor.handle(message, queuedBeforeError, replies);
            case "kernel_info_request" -> reply.send("kernel_info_reply", KernelInfo.content());
            case "complete_request" -> reply.send("complete_reply", complete(message));
            case "inspect_request" -> reply.send("inspect_reply", inspect(message));
            case "is_complete_request" -> reply.send("is_complete_reply", isComplete(message));
            case "history_request" ->
                    reply.send("history_reply", HistoryReply.content(history, message));
            case "comm_info_request" -> reply.send("comm_info_reply", ok("comms", Map.of()));
            case "interrupt_request" -> {
                interrupt();
                reply.send("interrupt_reply", ok(null, null));
            }
            case "shutdown_request" -> shutdown(message, reply);
            default -> LOG.debug("Ignored a {} message", type);
        }
    }

    private Map<String, Object> complete(Message<?> message) {
        CompleteRequest request = (CompleteRequest) message.getContent();
        Completion completion = session.complete(request.getCode(), request.getCursorPos());
        Map<String, Object> content = ok("matches", completion.matches());
        content.put("cursor_start", completion.cursorStart());
        content.put("cursor_end", completion.cursorEnd());
        content.put("metadata", Map.of());
        return content;
    }

    private Map<String, Object> inspect(Message<?> message) {
        InspectRequest request = (InspectRequest) message.getContent();
        Inspection inspection =
                session.inspect(
                        request.getCode(), request.getCursorPos(), request.getDetailLevel());
        Map<String, Object> content = ok("found", inspection.found());
        content.putAll(WireJson.bundle(inspection.data()));
        return content;
    }

    private Map<String, Object> isComplete(Message<?> message) {
        IsComplete answer =
                session.isComplete(((IsCompleteRequest) message.getContent()).getCode());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", answer.status());
        if ("incomplete".equals(answer.status())) {
            content.put("indent", answer.indent() == null ? "" : answer.indent());
        }
        return content;
    }

    private void shutdown(Message<?> message, ReplySender reply) {
        boolean restart = ((ShutdownRequest) message.getContent()).isRestart();
        reply.send("shutdown_reply", ok("restart", restart));
        LOG.info("Shutdown requested (restart: {})", restart);
        shuttingDown = true;
    }

    /** Stops serving and closes the sockets, letting queued replies go out first. */
    public void close() throws InterruptedException {
        shellLoop.shutdown();
        controlLoop.shutdown();
        shellLoop.join(2000);
        controlLoop.join(2000);
        connection.close();
    }

    /** Returns {@code {status: ok, key: value}} (without key when it is null). */
    static Map<String, Object> ok(String key, Object value) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        if (key != null) {
            content.put(key, value);
        }
        return content;
    }

    /** Sends one reply to the request being dispatched. */
    @FunctionalInterface
    private interface ReplySender {
        void send(String type, Map<String, Object> content);
    }
}
