package dev.tunebook.kernel.magic;

import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.List;
import java.util.Locale;

/** {@code %time STATEMENT} and {@code %%time}: run code and print its wall and CPU time. */
final class TimeMagic {
    static final String LINE_USAGE =
            "%time STATEMENT\n"
                    + "Runs the Java code on the rest of the line and prints its wall time and the CPU\n"
                    + "time of the cell thread; the value of an expression is displayed.";
    static final String CELL_USAGE =
            "%%time\n"
                    + "Runs the cell body (Java and line magics) and prints its wall time and the CPU\n"
                    + "time of the cell thread; the value of a trailing expression is displayed.";

    private final MagicHost host;

    TimeMagic(MagicHost host) {
        this.host = host;
    }

    /** Returns the line and the cell magic. */
    List<MagicSpec> specs() {
        return List.of(
                MagicSpec.line("time", LINE_USAGE, (args, body, ctx) -> time(args, ctx)),
                MagicSpec.cell("time", CELL_USAGE, (args, body, ctx) -> time(body, ctx)));
    }

    private Object time(String code, MagicContext context) throws Exception {
        if (code == null || code.isBlank()) {
            throw new MagicUsageException("give code to time");
        }
        long cpuStart = host.executionCpuNanos();
        long wallStart = System.nanoTime();
        try {
            return context.eval(code);
        } finally {
            long wall = System.nanoTime() - wallStart;
            long cpuEnd = host.executionCpuNanos();
            String cpu = cpuStart < 0 || cpuEnd < 0 ? "unknown" : format(cpuEnd - cpuStart);
            System.out.println("Wall time: " + format(wall) + ", CPU time: " + cpu);
        }
    }

    /** Returns a duration in the unit that suits it (ns, µs, ms, s). */
    static String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        } else if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        } else if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
