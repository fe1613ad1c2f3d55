package dev.tunebook.kernel.jupyter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets, bound to the transport, address and ports of a connection file, and
 * the two ways of answering: {@link #reply} to the requester and {@link #publish} on IOPub. Content
 * is a plain map, so every field the protocol asks for (such as {@code status}) reaches the wire;
 * jjava's typed reply classes lack some of them.
 *
 * <p>Thread-safe: sends are serialized per socket.
 */
public final class KernelConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KernelConnection.class);

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final KernelSocket shell;
    private final KernelSocket control;
    private final KernelSocket stdin;
    private final KernelSocket iopub;
    private final BlockingQueue<Runnable> iopubQueue = new LinkedBlockingQueue<>();
    private final Thread iopubSender = new Thread(this::sendIopub, "tunebook-iopub");
    private volatile boolean closed;
    private Heartbeat heartbeat;
    private IopubWelcome welcome;

    /** Creates the sockets for {@code props}; call {@link #bind} to open them. */
    public KernelConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        this.props = props;
        HMACGenerator hmac = props.createHMACGenerator();
        // One history for all channels, as ipykernel's Session: a replay is refused on any socket.
        SignatureHistory history = new SignatureHistory(SignatureHistory.DEFAULT_CAPACITY);
        shell = socket(SocketType.ROUTER, hmac, history, "shell", p -> p.getShellPort());
        control = socket(SocketType.ROUTER, hmac, history, "control", p -> p.getControlPort());
        stdin = socket(SocketType.ROUTER, hmac, history, "stdin", p -> p.getStdinPort());
        HeapExhaustion.load();
        iopub = socket(SocketType.XPUB, hmac, history, "iopub", p -> p.getIopubPort());
        iopub.setXpubVerbose(true);
    }

    private KernelSocket socket(
            SocketType type,
            HMACGenerator hmac,
            SignatureHistory history,
            String name,
            java.util.function.ToIntFunction<KernelConnectionProperties> port) {
        return new KernelSocket(context, type, hmac, history, name, port);
    }

    /** Binds every socket and starts answering heartbeats. */
    public void bind() {
        for (KernelSocket socket : List.of(shell, control, stdin, iopub)) {
            socket.bind(props);
        }
        heartbeat = new Heartbeat(context, KernelSocket.address(props, props.getHbPort()));
        heartbeat.start();
        welcome = new IopubWelcome(iopub);
        welcome.start();
        iopubSender.setDaemon(true);
        iopubSender.start();
        LOG.info("Listening on {} (shell port {})", props.getIp(), props.getShellPort());
    }

    KernelSocket shell() {
        return shell;
    }

    KernelSocket control() {
        return control;
    }

    KernelSocket stdin() {
        return stdin;
    }

    /** Sends a reply to {@code request} on {@code socket}. */
    void reply(KernelSocket socket, Message<?> request, String type, Map<String, Object> content) {
        socket.sendMessage(message(request.getIdentities(), request, type, content));
    }

    /**
     * Publishes a message on IOPub with {@code parent} as its parent header. The message is sent by
     * the IOPub thread, never by the caller: user code calls this (printing, displaying), and a
     * thread interrupted inside a ZeroMQ send would close ZeroMQ's internal channels for good.
     */
    void publish(Message<?> parent, String type, Map<String, Object> content) {
        byte[] topic = ("kernel." + type).getBytes(StandardCharsets.UTF_8);
        Message<?> message = message(List.of(topic), parent, type, content);
        iopubQueue.add(() -> iopub.sendMessage(message));
    }

    /** Waits until everything published so far was sent (at most five seconds). */
    void awaitPublished() {
        CountDownLatch sent = new CountDownLatch(1);
        iopubQueue.add(sent::countDown);
        try {
            if (!sent.await(5, TimeUnit.SECONDS)) {
                LOG.warn("IOPub messages were not sent within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendIopub() {
        while (!closed) {
            try {
                Runnable send = iopubQueue.poll(250, TimeUnit.MILLISECONDS);
                if (send != null) {
                    sendSurvivingHeapExhaustion(send);
                }
            } catch (InterruptedException e) {
                return;
            } catch (OutOfMemoryError e) {
                HeapExhaustion.pause();
            } catch (RuntimeException e) {
                LOG.warn("Could not publish on IOPub: {}", e.toString());
            }
        }
    }

    /** Sends once more after a pause if a cell had exhausted the heap; the output is kept. */
    private static void sendSurvivingHeapExhaustion(Runnable send) {
        try {
            send.run();
        } catch (OutOfMemoryError e) {
            HeapExhaustion.pause();
            send.run();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> message(
            List<byte[]> identities, Message<?> parent, String type, Map<String, Object> content) {
        MessageType messageType = MessageType.getType(type);
        // jjava's own timestamps drop the seconds; send ISO 8601 with microseconds as Python does.
        Header<?> parentHeader = parent.getHeader();
        Header header =
                new Header(
                        UUID.randomUUID().toString(),
                        "kernel",
                        parentHeader.getSessionId(),
                        new KernelTimestamp(Instant.now().toString()),
                        messageType,
                        KernelInfo.PROTOCOL_VERSION);
        return new Message(identities, header, parent.getHeader(), Map.of(), content, null);
    }

    @Override
    public void close() throws InterruptedException {
        awaitPublished();
        closed = true;
        iopubSender.join(1000);
        if (heartbeat != null) {
            heartbeat.shutdown();
            welcome.shutdown();
        }
        for (KernelSocket socket : List.of(shell, control, stdin, iopub)) {
            socket.setLinger(1000);
            socket.close();
        }
        context.term();
    }
}
