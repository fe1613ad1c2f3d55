package dev.tunebook.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The kernel's socket reading over real ZeroMQ sockets: every message is read to its last frame,
 * malformed, badly signed and replayed ones are dropped whole, and the next one arrives intact.
 */
class KernelSocketTest {
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final ZMQ.Context context = ZMQ.context(1);
    private final SignatureHistory history = new SignatureHistory(16);
    private HMACGenerator hmac;
    private KernelSocket shell;
    private KernelSocket control;
    private ZMQ.Socket client;
    private ZMQ.Socket controlClient;
    private int ids;

    @BeforeEach
    void bind() throws Exception {
        hmac = new HMACGenerator("hmac-sha256", "secret-key");
        shell = new KernelSocket(context, SocketType.ROUTER, hmac, history, "shell", p -> 0);
        control = new KernelSocket(context, SocketType.ROUTER, hmac, history, "control", p -> 0);
        client = connect(shell);
        controlClient = connect(control);
    }

    @AfterEach
    void close() {
        for (ZMQ.Socket socket : List.of(client, controlClient, shell, control)) {
            socket.setLinger(0);
            socket.close();
        }
        context.term();
    }

    private ZMQ.Socket connect(KernelSocket server) {
        int port = server.bindToRandomPort("tcp://127.0.0.1");
        ZMQ.Socket socket = context.socket(SocketType.DEALER);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    @Test
    void aShortMessageIsDroppedWholeAndTheNextArrivesIntact() {
        send(client, List.of(DELIMITER, bytes("x")));
        List<byte[]> request = signed("execute_request", "{\"code\": \"1 + 1\"}");
        send(client, request);
        RejectedMessageException dropped = assertThrows(RejectedMessageException.class, this::next);
        assertTrue(dropped.getMessage().startsWith("malformed, 1 frame after <IDS|MSG>"));
        Message<?> message = next();
        assertEquals("execute_request", message.getHeader().getType().getName());
        assertEquals("1 + 1", ((ExecuteRequest) message.getContent()).getCode());
    }

    @Test
    void framesWithoutADelimiterAreDroppedWhole() {
        send(client, List.of(bytes("garbage"), bytes("more")));
        send(client, signed("kernel_info_request", "{}"));
        assertThrows(RejectedMessageException.class, this::next);
        Message<?> message = next();
        assertEquals(1, message.getIdentities().size(), "only the router's identity");
    }

    @Test
    void aReplayIsRefusedOnEverySocketSharingTheHistory() {
        List<byte[]> request = signed("execute_request", "{\"code\": \"x++\"}");
        send(client, request);
        send(client, request);
        send(controlClient, request);
        next();
        assertEquals("replayed, its signature was seen before", rejection(shell));
        assertEquals("replayed, its signature was seen before", rejection(control));
    }

    @Test
    void aBadSignatureIsRefusedAndNotRemembered() {
        List<byte[]> request = signed("kernel_info_request", "{}");
        List<byte[]> forged = new ArrayList<>(request);
        forged.set(1, bytes("0".repeat(64)));
        send(client, forged);
        send(client, request);
        assertEquals("invalid HMAC signature", rejection(shell));
        assertEquals("kernel_info_request", next().getHeader().getType().getName());
    }

    @Test
    void trailingFramesAreBuffers() {
        List<byte[]> request = new ArrayList<>(signed("kernel_info_request", "{}"));
        request.add(bytes("buffer one"));
        request.add(bytes("buffer two"));
        send(client, request);
        Message<?> message = next();
        assertEquals(2, message.getBlobs().size());
        assertEquals("buffer two", new String(message.getBlobs().get(1), StandardCharsets.UTF_8));
    }

    @Test
    void unreadableJsonIsDroppedWhole() {
        send(client, signed("execute_request", "{\"code\": "));
        send(client, signed("kernel_info_request", "{}"));
        assertTrue(rejection(shell).startsWith("unreadable JSON"));
        assertEquals("kernel_info_request", next().getHeader().getType().getName());
    }

    @Test
    void theHistoryForgetsTheOldestPastItsCapacity() {
        SignatureHistory small = new SignatureHistory(2);
        assertTrue(small.firstSighting("a"));
        assertTrue(small.firstSighting("b"));
        assertEquals(false, small.firstSighting("b"));
        assertTrue(small.firstSighting("c"));
        assertEquals(2, small.size());
        assertTrue(small.firstSighting("a"), "the oldest signature was forgotten");
        assertEquals(false, small.firstSighting("c"));
    }

    private Message<?> next() {
        return read(shell);
    }

    private static Message<?> read(KernelSocket socket) {
        ZMQ.Poller poller = socket.context().poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        try {
            assertTrue(poller.poll(30_000) > 0, "nothing arrived on " + socket.name());
            return socket.readMessage();
        } finally {
            poller.close();
        }
    }

    private static String rejection(KernelSocket socket) {
        return assertThrows(RejectedMessageException.class, () -> read(socket)).getMessage();
    }

    private List<byte[]> signed(String type, String content) {
        String header =
                "{\"msg_id\": \"m"
                        + ++ids
                        + "\", \"username\": \"u\", \"session\": \"s\", \"date\":"
                        + " \"2024-05-01T10:20:30.123456Z\", \"msg_type\": \""
                        + type
                        + "\", \"version\": \"5.3\"}";
        byte[][] parts = {bytes(header), bytes("{}"), bytes("{}"), bytes(content)};
        String signature = hmac.calculateSignature(parts);
        List<byte[]> frames = new ArrayList<>(List.of(DELIMITER, bytes(signature)));
        frames.addAll(List.of(parts));
        return frames;
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
