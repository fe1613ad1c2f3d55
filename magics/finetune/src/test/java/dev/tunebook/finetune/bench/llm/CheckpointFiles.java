package dev.tunebook.finetune.bench.llm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A folder's safetensors files: their size, a raw sequential read, and dropping their cache. */
final class CheckpointFiles {
    private CheckpointFiles() {}

    static List<Path> of(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".safetensors"))
                    .sorted()
                    .toList();
        }
    }

    static long bytes(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return total;
    }

    /** Reads every byte once through a 16 MiB direct buffer and returns the seconds it took. */
    static double read(List<Path> files) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(16 << 20);
        long start = System.nanoTime();
        for (Path f : files) {
            try (FileChannel in = FileChannel.open(f)) {
                while (in.read(buffer) >= 0) {
                    buffer.clear();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * When {@code cold}, drops the files from the page cache: GNU dd's {@code iflag=nocache
     * count=0} calls posix_fadvise(DONTNEED) on the whole file.
     */
    static void dropIf(boolean cold, List<Path> files) throws IOException, InterruptedException {
        if (!cold) {
            return;
        }
        for (Path f : files) {
            Process p =
                    new ProcessBuilder("dd", "if=" + f, "iflag=nocache", "count=0", "status=none")
                            .inheritIO()
                            .start();
            if (p.waitFor() != 0) {
                throw new IOException("dd iflag=nocache failed for " + f);
            }
        }
    }
}
