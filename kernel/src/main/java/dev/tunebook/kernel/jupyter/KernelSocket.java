package dev.tunebook.kernel.jupyter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * One of the kernel's message sockets (shell, control, stdin, IOPub), bound to the address the
 * connection file names. Sending (framing and signing) is jjava's {@link JupyterSocket}; reading is
 * the kernel's own: {@link #readMessage} takes every frame of a multipart message (jjava's reader
 * takes a fixed number after the delimiter, so one short message made it eat the first frames of
 * the next), drops a malformed, badly signed or replayed message whole, and decodes the rest.
 * jjava's own channels poll with a fixed sleep and stop for good on a bad signature, so the kernel
 * also runs its own loops ({@link ChannelLoop}).
 *
 * <p>Reads and sends are synchronized on the socket.
 */
final class KernelSocket extends JupyterSocket {
    private final String name;
    private final ToIntFunction<KernelConnectionProperties> port;
    private final MessageSignatures signatures;

    KernelSocket(
            ZMQ.Context context,
            SocketType type,
            HMACGenerator hmac,
            SignatureHistory history,
            String name,
            ToIntFunction<KernelConnectionProperties> port) {
        super(context, type, hmac, LoggerFactory.getLogger("tunebook." + name));
        this.name = name;
        this.port = port;
        this.signatures = new MessageSignatures(hmac, history);
    }

    /** Returns the channel name (shell, control, stdin, iopub). */
    String name() {
        return name;
    }

    /** Returns the ZeroMQ context the socket belongs to. */
    ZMQ.Context context() {
        return ctx;
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        super.bind(address(props, port.applyAsInt(props)));
    }

    /**
     * Returns the next message, or null when none is waiting (or the socket is closed).
     *
     * @throws RejectedMessageException when the message was malformed, badly signed or replayed;
     *     all of its frames were read, so the next message is unaffected
     */
    @Override
    public synchronized Message<?> readMessage() {
        List<byte[]> frames = receiveWhole();
        if (frames == null) {
            return null;
        }
        WireFrames parts = WireFrames.split(frames);
        signatures.verify(parts);
        return WireDecoder.decode(parts);
    }

    /** Returns every frame of the next multipart message, or null when none is waiting. */
    private List<byte[]> receiveWhole() {
        if (closed) {
            return null;
        }
        byte[] first = recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (hasReceiveMore()) {
            byte[] frame = recv(0);
            if (frame == null) {
                throw new RejectedMessageException(
                        "incomplete, the socket failed after " + frames.size() + " frames");
            }
            frames.add(frame);
        }
        return frames;
    }

    /**
     * Returns the ZeroMQ endpoint for {@code port}: {@code tcp://IP:PORT} or {@code ipc://IP-PORT}.
     */
    static String address(KernelConnectionProperties props, int port) {
        String transport = props.getTransport() == null ? "tcp" : props.getTransport();
        String separator = "ipc".equals(transport) ? "-" : ":";
        return transport + "://" + props.getIp() + separator + port;
    }
}
