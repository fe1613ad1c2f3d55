package dev.tunebook.kernel.jupyter;

import java.util.function.ToIntFunction;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * One of the kernel's message sockets (shell, control, stdin, IOPub). Framing, signing and
 * signature checks come from jjava's {@link JupyterSocket}; this class only binds to the address
 * the connection file names. jjava's own channels poll with a fixed sleep (50 ms per message) and
 * stop for good on a bad signature, so the kernel runs its own loops ({@link ChannelLoop}).
 *
 * <p>Reads and sends are synchronized by {@link JupyterSocket}.
 */
final class KernelSocket extends JupyterSocket {
    private final String name;
    private final ToIntFunction<KernelConnectionProperties> port;

    KernelSocket(
            ZMQ.Context context,
            SocketType type,
            HMACGenerator hmac,
            String name,
            ToIntFunction<KernelConnectionProperties> port) {
        super(context, type, hmac, LoggerFactory.getLogger("tunebook." + name));
        this.name = name;
        this.port = port;
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
     * Returns the ZeroMQ endpoint for {@code port}: {@code tcp://IP:PORT} or {@code ipc://IP-PORT}.
     */
    static String address(KernelConnectionProperties props, int port) {
        String transport = props.getTransport() == null ? "tcp" : props.getTransport();
        String separator = "ipc".equals(transport) ? "-" : ":";
        return transport + "://" + props.getIp() + separator + port;
    }
}
