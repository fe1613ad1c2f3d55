package dev.tunebook.finetune.save;

import dev.tunebook.finetune.io.AtomicFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a whole folder so that it appears complete or not at all: its files go into a temporary
 * sibling, which is renamed to the target once every file is written. A folder that is replaced
 * ({@code overwrite}) is moved aside only then, and deleted after the rename; if the rename fails
 * it is moved back.
 */
final class FolderWrite {
    /** Writes a folder's files. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path folder) throws IOException;
    }

    private FolderWrite() {}

    /**
     * Writes {@code target} with {@code content}.
     *
     * @throws FileAlreadyExistsException naming {@code target} when it exists and is not empty and
     *     {@code overwrite} is false, or when it is a file
     */
    static void write(Path target, boolean overwrite, Content content) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "is a file, not a folder");
        }
        boolean replaces = Files.isDirectory(dir) && !isEmpty(dir);
        if (replaces && !overwrite) {
            throw new FileAlreadyExistsException(
                    dir.toString(),
                    null,
                    "exists and is not empty: save into a new folder, or pass --overwrite to"
                            + " replace it");
        }
        Files.createDirectories(dir.getParent());
        String name = dir.getFileName().toString();
        Path temp = Files.createTempDirectory(dir.getParent(), AtomicFile.TEMP_PREFIX + name + "-");
        try {
            content.writeTo(temp);
            AtomicFile.uninterruptibly(
                    () -> {
                        commit(temp, dir);
                        return null;
                    });
        } finally {
            deleteTree(temp);
        }
    }

    private static void commit(Path temp, Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old =
                Files.createTempDirectory(
                        dir.getParent(), AtomicFile.TEMP_PREFIX + dir.getFileName() + "-old-");
        Files.delete(old);
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteTree(old);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
