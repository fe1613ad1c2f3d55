package dev.tunebook.kernel.jupyter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * Reads requests from one ROUTER socket on its own thread and hands each to a handler. Waits in a
 * blocking poll (no sleep between messages). Messages that are malformed, badly signed, replayed or
 * unreadable are dropped whole and logged; the loop keeps running.
 *
 * <p>{@link #drain} must be called from the loop's own thread (that is, from the handler).
 */
final class ChannelLoop extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelLoop.class);

    private final KernelSocket socket;
    private final Consumer<Message<?>> handler;
    private final ZMQ.Poller poller;
    private volatile boolean running = true;

    ChannelLoop(KernelSocket socket, Consumer<Message<?>> handler) {
        super("tunebook-" + socket.name());
        this.socket = socket;
        this.handler = handler;
        this.poller = socket.context().poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        setDaemon(true);
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    if (poller.poll(250) > 0) {
                        Message<?> message = read();
                        if (message != null) {
                            handle(message);
                        }
                    }
                } catch (OutOfMemoryError e) {
                    HeapExhaustion.pause();
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("{} channel stopped: {}", socket.name(), e.toString());
            }
        }
    }

    /** Returns every request already waiting on the socket, without blocking. */
    List<Message<?>> drain() {
        List<Message<?>> pending = new ArrayList<>();
        while (poller.poll(0) > 0) {
            Message<?> message = read();
            if (message != null) {
                pending.add(message);
            }
        }
        return pending;
    }

    /** Stops the loop after the current message. */
    void shutdown() {
        running = false;
    }

    private void handle(Message<?> message) {
        try {
            handler.accept(message);
        } catch (OutOfMemoryError e) {
            HeapExhaustion.pause();
            LOG.error("{} handler ran out of memory on {}", socket.name(), typeOf(message));
        } catch (RuntimeException | Error e) {
            LOG.error("{} handler failed on {}", socket.name(), typeOf(message), e);
        }
    }

    private Message<?> read() {
        try {
            return socket.readMessage();
        } catch (RejectedMessageException e) {
            LOG.warn("Dropped a message on {}: {}", socket.name(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Dropped an unreadable message on {}: {}", socket.name(), e.toString());
        }
        return null;
    }

    private static String typeOf(Message<?> message) {
        return message.getHeader().getType().getName();
    }
}
