package dev.tunebook.kernel.jupyter;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Echoes heartbeat pings on the REP socket as soon as they arrive, on its own daemon thread, and
 * closes the socket when stopped (so the ZeroMQ context can terminate).
 */
final class Heartbeat extends Thread {
    private final ZMQ.Socket socket;
    private final ZMQ.Poller poller;
    private volatile boolean running = true;

    Heartbeat(ZMQ.Context context, String address) {
        super("tunebook-heartbeat");
        this.socket = context.socket(SocketType.REP);
        socket.bind(address);
        this.poller = context.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        setDaemon(true);
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    if (poller.poll(250) > 0) {
                        byte[] ping = socket.recv(0);
                        if (ping != null) {
                            socket.send(ping, 0);
                        }
                    }
                } catch (OutOfMemoryError e) {
                    HeapExhaustion.pause();
                }
            }
        } catch (RuntimeException e) {
            // The context was closed: the kernel is shutting down.
        } finally {
            socket.setLinger(0);
            socket.close();
        }
    }

    /** Stops echoing and waits for the socket to be closed. */
    void shutdown() throws InterruptedException {
        running = false;
        join(2000);
    }
}
