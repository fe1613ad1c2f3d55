package dev.tunebook.kernel.jupyter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's {@code System.in}: when a read finds nothing buffered, it asks the frontend for a
 * line ({@code input_request}) and serves that line plus a newline.
 *
 * <p>Thread-safe.
 */
final class FrontendInputStream extends InputStream {
    private final FrontendInput input;
    private byte[] line = new byte[0];
    private int pos;

    FrontendInputStream(FrontendInput input) {
        this.input = input;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - pos;
    }

    private boolean fill() throws IOException {
        if (pos < line.length) {
            return true;
        }
        try {
            line = (input.readLine("", false) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        pos = 0;
        return true;
    }
}
