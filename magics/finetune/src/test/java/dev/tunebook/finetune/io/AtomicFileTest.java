package dev.tunebook.finetune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("run.json");
        AtomicFile.writeString(target, "old");
        AtomicFile.writeString(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("run.json"), names());
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws IOException {
        Path target = dir.resolve("run.json");
        AtomicFile.writeString(target, "old");
        IOException failure =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFile.write(
                                        target,
                                        temp -> {
                                            Files.writeString(temp, "half");
                                            throw new IOException("disk full");
                                        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("run.json"), names());
    }

    @Test
    void anInterruptedCallerStillWritesAndKeepsItsInterruptStatus() throws Exception {
        // A FileChannel used by an interrupted thread closes itself; the write thread is not it.
        Path target = dir.resolve("checkpoint.bin");
        byte[] bytes = new byte[1 << 20];
        bytes[bytes.length - 1] = 7;
        boolean interruptedAfter =
                CompletableFuture.supplyAsync(
                                () -> {
                                    Thread.currentThread().interrupt();
                                    try {
                                        AtomicFile.write(target, bytes);
                                    } catch (IOException e) {
                                        throw new AssertionError(e);
                                    }
                                    return Thread.interrupted();
                                })
                        .get();
        assertTrue(interruptedAfter, "the caller's interrupt status is the caller's to act on");
        assertEquals(bytes.length, Files.size(target));
        assertEquals(7, Files.readAllBytes(target)[bytes.length - 1]);
    }
}
