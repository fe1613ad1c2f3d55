package dev.tunebook.finetune.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a file so that readers see the old content or the new, never a half-written file: the
 * content goes to a temporary file beside the target, is forced to disk, and is renamed over it. A
 * failed write leaves the old file as it was and removes the temporary one.
 *
 * <p>Writes run on one daemon thread of their own, which the caller waits for without reacting to
 * interrupts: an interrupt of the caller (a notebook's interrupt, {@link Thread#interrupt()}) never
 * leaves a file, a run record or a checkpoint half written; the caller's interrupt status is kept
 * for it to act on. (The kernel has its own copy for notebook files, as the library does not depend
 * on it.)
 *
 * <p>Thread-safe.
 */
public final class AtomicFile {
    /** Temporary files start with this, so that folder listings can skip them. */
    public static final String TEMP_PREFIX = ".tmp-";

    /** File work that must not be cut short by an interrupt. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work. */
        T run() throws IOException;
    }

    private static final ExecutorService IO =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread thread = new Thread(r, "tunebook-finetune-file-writes");
                        thread.setDaemon(true);
                        return thread;
                    });
    private static final ThreadLocal<Boolean> ON_IO_THREAD = ThreadLocal.withInitial(() -> false);

    /** What writes the content into the temporary file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code temp}, which exists and is empty. */
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFile() {}

    /** Replaces {@code target} by what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        uninterruptibly(
                () -> {
                    replace(target, content);
                    return null;
                });
    }

    /**
     * Returns what {@code work} returns, run where an interrupt of the calling thread cannot reach
     * it; the caller's interrupt status is left as it was (set if an interrupt came meanwhile).
     */
    public static <T> T uninterruptibly(Work<T> work) throws IOException {
        if (ON_IO_THREAD.get()) {
            return work.run();
        }
        Future<T> done =
                IO.submit(
                        () -> {
                            ON_IO_THREAD.set(true);
                            try {
                                return work.run();
                            } finally {
                                ON_IO_THREAD.set(false);
                            }
                        });
        try {
            return Uninterruptibles.getUninterruptibly(done);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    private static void replace(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, TEMP_PREFIX + file.getFileName() + "-", "");
        try {
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces {@code target} by {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(
                target,
                temp -> {
                    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                        ByteBuffer buffer = ByteBuffer.wrap(bytes);
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                    }
                });
    }

    /** Replaces {@code target} by {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
