package dev.tunebook.finetune.eval;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The CPU time this process has used, in nanoseconds, counting every thread it runs, the engine's
 * native ones included. Other processes on a shared machine do not add to it, where they add to
 * wall-clock time; that is why inference is priced by it.
 *
 * <p>On Linux it sums each thread's run time from {@code /proc/self/task/}<i>tid</i>{@code
 * /schedstat} (nanosecond resolution), leaving out the JIT's compiler threads (a one-time cost, not
 * the measured work's); elsewhere it reads the JVM's process CPU time (10 ms ticks on most
 * systems). Time of threads that ended between two readings is not counted, so a difference is at
 * least 0 but may miss such threads' work.
 */
public final class ProcessCpuClock implements LongSupplier {
    private static final Path TASKS = Path.of("/proc/self/task");

    private final boolean procfs = Files.isDirectory(TASKS);

    @Override
    public long getAsLong() {
        if (procfs) {
            long sum = sumSchedstat();
            if (sum >= 0) {
                return sum;
            }
        }
        return ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime())
                : 0;
    }

    /**
     * Returns the cores this process may use, the divisor that turns CPU time into machine time.
     */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static long sumSchedstat() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue; // the JIT compiles once; its time is not the work's
                    }
                    String line = Files.readString(task.resolve("schedstat"));
                    int space = line.indexOf(' ');
                    sum += Long.parseLong(space < 0 ? line.trim() : line.substring(0, space));
                } catch (IOException | NumberFormatException e) {
                    // the thread ended while we read: its time is no longer the process's to count
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }
}
