package dev.tunebook.kernel.jupyter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.zeromq.ZMQ;

/**
 * Publishes an {@code idle} status whenever a client subscribes to IOPub (an XPUB socket reports
 * subscriptions). jupyter_client's {@code wait_for_ready} treats the kernel as ready only after it
 * saw an IOPub message; without this, messages published before the subscription took effect are
 * lost and the client retries, which costs start-up time.
 *
 * <p>Runs on its own daemon thread; takes the socket's lock to read, as sends do.
 */
final class IopubWelcome extends Thread {
    private static final long POLL_MS = 50;

    private final KernelSocket iopub;
    private final String session = UUID.randomUUID().toString();
    private volatile boolean running = true;

    IopubWelcome(KernelSocket iopub) {
        super("tunebook-iopub-welcome");
        this.iopub = iopub;
        setDaemon(true);
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    if (subscribed()) {
                        iopub.sendMessage(status());
                    } else {
                        Thread.sleep(POLL_MS);
                    }
                } catch (OutOfMemoryError e) {
                    HeapExhaustion.pause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The socket was closed: the kernel is shutting down.
        }
    }

    /** Stops the thread. */
    void shutdown() throws InterruptedException {
        running = false;
        join(1000);
    }

    /**
     * Returns true when the next message is a subscription. Every frame of the message is read, so
     * a multipart message (which an XSUB peer may send) cannot leave frames for the next read.
     */
    private boolean subscribed() {
        byte[] frame;
        boolean single;
        synchronized (iopub) {
            frame = iopub.recv(ZMQ.DONTWAIT);
            single = frame == null || !iopub.hasReceiveMore();
            while (iopub.hasReceiveMore()) {
                iopub.recv(0);
            }
        }
        return single && frame != null && frame.length > 0 && frame[0] == 1;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Message<?> status() {
        MessageType type = MessageType.getType("status");
        Header header =
                new Header(
                        UUID.randomUUID().toString(),
                        "kernel",
                        session,
                        new KernelTimestamp(java.time.Instant.now().toString()),
                        type,
                        KernelInfo.PROTOCOL_VERSION);
        byte[] topic = "kernel.status".getBytes(StandardCharsets.UTF_8);
        return new Message(
                List.of(topic), header, null, Map.of(), Map.of("execution_state", "idle"), null);
    }
}
