package dev.tunebook.kernel.notebook;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The runner's {@code System.out} or {@code System.err}: text written to it becomes a stream output
 * of the running cell. Bytes are held back only while they end inside a UTF-8 sequence.
 *
 * <p>Thread-safe.
 */
final class StreamCapture extends OutputStream {
    private final String name;
    private final CellOutputs outputs;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    StreamCapture(String name, CellOutputs outputs) {
        this.name = name;
        this.outputs = outputs;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        emit();
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        pending.write(bytes, off, len);
        emit();
    }

    private void emit() {
        byte[] bytes = pending.toByteArray();
        int end = completeLength(bytes);
        if (end == 0) {
            return;
        }
        pending.reset();
        pending.write(bytes, end, bytes.length - end);
        outputs.stream(name, new String(bytes, 0, end, StandardCharsets.UTF_8));
    }

    /** Returns the length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeLength(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue;
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
