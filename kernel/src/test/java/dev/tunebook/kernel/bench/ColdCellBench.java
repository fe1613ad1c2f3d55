package dev.tunebook.kernel.bench;

import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.JShellSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The cells right after a kernel starts (not a test): a session built as the kernel builds it
 * (extensions on the classpath, background startup, idle warm-up), then {@code 1+1} run back to
 * back at once, as {@code bench latency --settle 0} does but without the protocol. Prints the first
 * cell, the median of cells 6–55 (the ones the latency bench counts), in wall time and in CPU time
 * of the cell's thread (steadier than wall time on a shared machine), and the CPU time of the whole
 * process (JIT compiler threads included) until the last cell ends.
 *
 * <p>Usage: {@code TUNEBOOK_JVM_OPTS="..." ./tunebook bench ColdCellBench [cells]} (55 by default);
 * compare JVM options by running it once per option set, alternating. With the magics jar and its
 * libraries on the classpath instead of the kernel's test classpath, the session loads the
 * fine-tuning extension too, as an installed kernel does.
 */
public final class ColdCellBench {
    private ColdCellBench() {}

    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 55;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long built = System.currentTimeMillis();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        try (JShellSession session = JShellSession.builder().optWarmup(true).build()) {
            long ready = System.currentTimeMillis();
            for (int i = 0; i < cells; i++) {
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                CellResult result = session.execute("1+1");
                cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
                wall.add((System.nanoTime() - t0) / 1e6);
                if (result.failed()) {
                    throw new IllegalStateException(String.valueOf(result.error()));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "jvm start to session built %d ms; first cell %.1f ms (incl. startup wait);"
                            + " cells 6-%d median wall %.1f ms, cell-thread cpu %.1f ms;"
                            + " process cpu %.2f s%n",
                    ready - jvmStart,
                    wall.get(0),
                    cells,
                    median(wall.subList(5, cells)),
                    median(cpu.subList(5, cells)),
                    processCpuSeconds());
        }
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getProcessCpuTime() / 1e9
                : Double.NaN;
    }
}
