package dev.tunebook.kernel.jupyter;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An output stream that publishes what is written to it as Jupyter {@code stream} messages. Bytes
 * are buffered and sent when a newline-terminated chunk is flushed, when the buffer grows past 8
 * KiB, 20 ms after a partial line was written (so {@code print} without a newline shows up
 * promptly), and when the cell ends. Multi-byte UTF-8 characters are never split.
 *
 * <p>Thread-safe: any thread may write.
 */
final class StreamPublisher extends OutputStream {
    private static final int MAX_BUFFER = 8192;
    private static final long LINGER_MS = 20;
    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "tunebook-stream-flush");
                        t.setDaemon(true);
                        return t;
                    });

    private final String name;
    private final OutputRouter router;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean flushScheduled;

    StreamPublisher(String name, OutputRouter router) {
        this.name = name;
        this.router = router;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        afterWrite();
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        buffer.write(bytes, off, len);
        afterWrite();
    }

    private void afterWrite() {
        if (buffer.size() >= MAX_BUFFER) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            TIMER.schedule(this::flush, LINGER_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void flush() {
        flushScheduled = false;
        if (buffer.size() == 0) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        int end = completeUtf8Length(bytes);
        buffer.reset();
        buffer.write(bytes, end, bytes.length - end);
        if (end > 0) {
            String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            router.publish(
                    "stream", new java.util.LinkedHashMap<>(Map.of("name", name, "text", text)));
        }
    }

    /** Returns the length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeUtf8Length(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
