package dev.tunebook.kernel.jupyter;

import dev.tunebook.kernel.Interrupts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * Asks the frontend for a line of input over the stdin channel ({@code input_request} / {@code
 * input_reply}) on behalf of the execute request being served. Waiting stops when the cell is
 * interrupted.
 *
 * <p>Thread-safe: one request at a time.
 */
final class FrontendInput {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendInput.class);

    private static final ExecutorService STDIN =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "tunebook-stdin");
                        t.setDaemon(true);
                        return t;
                    });

    private final KernelConnection connection;
    private final OutputRouter router;

    FrontendInput(KernelConnection connection, OutputRouter router) {
        this.connection = connection;
        this.router = router;
    }

    /** Returns the line the user typed in answer to {@code prompt}. */
    synchronized String readLine(String prompt, boolean password) {
        CellContext context = router.current();
        if (context == null || !context.allowStdin()) {
            throw new IllegalStateException(
                    "input is not available: this frontend does not accept input requests"
                            + " (allow_stdin is false)");
        }
        router.flush();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("prompt", prompt);
        content.put("password", password);
        // The stdin socket is used only from this kernel thread: user threads get interrupted,
        // and an interrupt inside ZeroMQ breaks it.
        Future<String> line = STDIN.submit(() -> request(context, content));
        try {
            return line.get();
        } catch (InterruptedException e) {
            Interrupts.request();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("input request interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
        }
    }

    private String request(CellContext context, Map<String, Object> content) {
        KernelSocket stdin = connection.stdin();
        connection.awaitPublished();
        connection.reply(stdin, context.request(), "input_request", content);
        return awaitReply(stdin);
    }

    private String awaitReply(KernelSocket stdin) {
        ZMQ.Poller poller = stdin.context().poller(1);
        poller.register(stdin, ZMQ.Poller.POLLIN);
        try {
            while (true) {
                if (Interrupts.requested()) {
                    throw new IllegalStateException("input request interrupted");
                }
                if (poller.poll(100) > 0) {
                    String value = value(read(stdin));
                    if (value != null) {
                        return value;
                    }
                }
            }
        } finally {
            poller.close();
        }
    }

    /** Returns the next message, or null when it was dropped (the wait goes on). */
    private static Message<?> read(KernelSocket stdin) {
        try {
            return stdin.readMessage();
        } catch (RejectedMessageException e) {
            LOG.warn("Dropped a message on stdin: {}", e.getMessage());
            return null;
        }
    }

    private static String value(Message<?> message) {
        if (message == null) {
            return null;
        }
        if (!"input_reply".equals(message.getHeader().getType().getName())) {
            LOG.warn("Ignored a message on stdin that is not an input_reply");
            return null;
        }
        Object content = message.getContent();
        if (content instanceof org.dflib.jjava.jupyter.messages.reply.InputReply reply) {
            return reply.getValue();
        }
        return "";
    }
}
