package dev.tunebook.kernel.jupyter;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** Echoes heartbeat pings on the REP socket as soon as they arrive, on its own daemon thread. */
final class Heartbeat extends Thread {
    private final ZMQ.Socket socket;

    Heartbeat(ZMQ.Context context, String address) {
        super("tunebook-heartbeat");
        this.socket = context.socket(SocketType.REP);
        socket.bind(address);
        setDaemon(true);
    }

    @Override
    public void run() {
        try {
            while (!isInterrupted()) {
                byte[] ping = socket.recv(0);
                if (ping != null) {
                    socket.send(ping, 0);
                }
            }
        } catch (ZMQException | IllegalStateException e) {
            // The context was closed: the kernel is shutting down.
        }
    }
}
