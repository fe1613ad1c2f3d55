package dev.tunebook.kernel.jupyter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * Holds a request's reply until its {@code idle} status is published. Clients such as
 * jupyter_kernel_test read the reply, then collect IOPub messages with a 0.1 s timeout until {@code
 * idle}; sending idle first means every output is already queued at the client when it starts
 * reading. Shell and IOPub are separate sockets, so clients cannot rely on an order between them
 * anyway.
 *
 * <p>Instances are not thread-safe: one per request.
 */
final class ReplyBatch {
    private final KernelConnection connection;
    private final List<Runnable> replies = new ArrayList<>();

    ReplyBatch(KernelConnection connection) {
        this.connection = connection;
    }

    /** Queues a reply to {@code request} on {@code socket}. */
    void reply(KernelSocket socket, Message<?> request, String type, Map<String, Object> content) {
        replies.add(() -> connection.reply(socket, request, type, content));
    }

    /** Sends the queued replies once everything published before them went out. */
    void send() {
        if (!replies.isEmpty()) {
            connection.awaitPublished();
        }
        replies.forEach(Runnable::run);
        replies.clear();
    }
}
