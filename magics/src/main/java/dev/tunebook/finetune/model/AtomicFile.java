package dev.tunebook.finetune.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see the old content or the new, never a half-written file: the
 * content goes to a temporary file beside the target, is forced to disk, and is renamed over it. A
 * failed write leaves the old file as it was and removes the temporary one.
 */
public final class AtomicFile {
    /** Temporary files start with this, so that folder listings can skip them. */
    public static final String TEMP_PREFIX = ".tmp-";

    /** What writes the content into the temporary file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code temp}, which exists and is empty. */
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFile() {}

    /** Replaces {@code target} by what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
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
