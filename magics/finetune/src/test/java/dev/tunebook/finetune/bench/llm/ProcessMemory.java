package dev.tunebook.finetune.bench.llm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory (Linux VmHWM, which a write to clear_refs resets) and peak Java heap. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Resets the peak RSS and the heap pools' peaks, so that the next peaks are a phase's own. */
    static void resetPeaks() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            System.out.println("note: cannot reset VmHWM (" + e.getMessage() + ")");
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Returns peak RSS in MiB since the last reset (VmHWM), or -1 when unknown. */
    static double peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.split("\\s+")[1]) / 1024.0;
            }
        }
        return -1;
    }

    /** Returns the sum of the heap pools' peak usage in MiB since the last reset. */
    static double peakHeapMib() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }

    /** Returns the one-minute load average as /proc/loadavg gives it. */
    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
