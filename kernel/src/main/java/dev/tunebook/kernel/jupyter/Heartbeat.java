package dev.tunebook.kernel.jupyter;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Echoes heartbeat pings (all their frames, as ipykernel's queue device does) on the REP socket as
 * soon as they arrive, on its own daemon thread, and closes the socket when stopped (so the ZeroMQ
 * context can terminate).
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
                        echo();
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

    /**
     * Sends back every frame of one ping. A REP socket may only answer a whole request: echoing the
     * first frame of a multipart ping failed, and that failure ended the heartbeat for good.
     */
    private void echo() {
        List<byte[]> frames = new ArrayList<>();
        byte[] frame = socket.recv(ZMQ.DONTWAIT);
        while (frame != null) {
            frames.add(frame);
            frame = socket.hasReceiveMore() ? socket.recv(0) : null;
        }
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** Stops echoing and waits for the socket to be closed. */
    void shutdown() throws InterruptedException {
        running = false;
        join(2000);
    }
}
