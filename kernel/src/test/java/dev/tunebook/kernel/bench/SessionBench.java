package dev.tunebook.kernel.bench;

import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.JShellSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Measures the evaluator (not a test): session start, the {@code 1+1} round trip, and how long an
 * interrupt takes to end a cell. Run with the kernel's test classpath: {@code java -cp ...
 * dev.tunebook.kernel.bench.SessionBench}.
 */
public final class SessionBench {
    private static volatile CountDownLatch started = new CountDownLatch(1);

    private SessionBench() {}

    /** Called by the benchmark's cells once they are running. */
    public static void started() {
        started.countDown();
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (JShellSession session = JShellSession.builder().build()) {
            long built = System.nanoTime();
            session.execute("1 + 1");
            long firstCell = System.nanoTime();
            System.out.printf(
                    Locale.ROOT,
                    "java %s: build %.0f ms, first cell %.0f ms%n",
                    System.getProperty("java.version"),
                    (built - t0) / 1e6,
                    (firstCell - built) / 1e6);
            report("execute 1+1", time(session, "1 + 1", 50));
            report("execute int x = 2; x * 3", time(session, "int x = 2;\nx * 3", 50));
            session.execute("void started() { dev.tunebook.kernel.bench.SessionBench.started(); }");
            report(
                    "interrupt while (true) {}",
                    interrupt(session, "{ started(); while (true) {} }"));
            report(
                    "interrupt Thread.sleep",
                    interrupt(session, "{ started(); Thread.sleep(100000); }"));
        }
    }

    private static List<Double> time(JShellSession session, String code, int runs) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            CellResult result = session.execute(code);
            millis.add((System.nanoTime() - start) / 1e6);
            if (result.failed()) {
                throw new IllegalStateException(result.error().toString());
            }
        }
        return millis;
    }

    private static List<Double> interrupt(JShellSession session, String code) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            started = new CountDownLatch(1);
            CompletableFuture<CellResult> run =
                    CompletableFuture.supplyAsync(() -> session.execute(code));
            started.await();
            long start = System.nanoTime();
            session.interrupt();
            run.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return millis;
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-28s median %.2f ms, p90 %.2f ms (n=%d)%n",
                what,
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.size());
    }
}
