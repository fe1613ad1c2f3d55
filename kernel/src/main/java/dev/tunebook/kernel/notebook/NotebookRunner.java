package dev.tunebook.kernel.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.Input;
import dev.tunebook.kernel.Interrupts;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.jshell.CellError;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.CellSession;
import dev.tunebook.kernel.jupyter.LanguageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Executes a notebook's code cells in order in one {@link CellSession}, printing a progress line
 * per cell ({@code [3/12] cell 5 ... ok (1.2 s)}), and writes the executed notebook atomically.
 * Stops at the first failing cell unless errors are allowed; the notebook is written either way. A
 * cell that runs past the time limit is interrupted and counts as failed.
 *
 * <p>Instances are not thread-safe. Running redirects {@code System.out}, {@code System.err} and
 * {@code System.in} for its duration.
 */
public final class NotebookRunner {
    private final CellSession session;
    private final PrintStream progress;
    private final CellOutputs outputs = new CellOutputs();
    private volatile boolean midLine;
    private volatile String currentLabel = "";

    private volatile int interrupts;

    /** Creates a runner that executes in {@code session} and reports to {@code progress}. */
    public NotebookRunner(CellSession session, PrintStream progress) {
        this.session = session;
        this.progress = progress;
    }

    /**
     * Interrupts the running cell as Jupyter's interrupt does (a training run finishes its step and
     * saves a checkpoint; a second call forces the stop) and makes the run stop after that cell,
     * even with {@code --allow-errors}. Called from the Ctrl-C handler; thread-safe.
     */
    public void interrupt() {
        interrupts++;
        session.interrupt();
    }

    /** Returns whether {@link #interrupt} was called. */
    public boolean interrupted() {
        return interrupts > 0;
    }

    /** Runs the notebook and returns true when every executed cell succeeded. */
    public boolean run(RunOptions options) throws IOException {
        Notebook notebook = Notebook.read(options.notebook());
        notebook.setLanguageInfo(LanguageInfo.current());
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        outputs.onProgress(this::progressLine);
        Display.install(outputs, session.renderers());
        Input.install(NotebookRunner::noInput);
        System.setOut(
                new PrintStream(
                        new StreamCapture("stdout", outputs), true, StandardCharsets.UTF_8));
        System.setErr(
                new PrintStream(
                        new StreamCapture("stderr", outputs), true, StandardCharsets.UTF_8));
        System.setIn(InputStream.nullInputStream());
        try {
            return runCells(notebook, options);
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
            notebook.write(options.target());
            progress.println("wrote " + options.target());
        }
    }

    private boolean runCells(Notebook notebook, RunOptions options) {
        List<ObjectNode> all = notebook.cells();
        List<ObjectNode> code = notebook.codeCells();
        boolean allOk = true;
        int count = 0;
        for (ObjectNode cell : code) {
            count++;
            String label =
                    String.format(
                            Locale.ROOT,
                            "[%d/%d] cell %d",
                            count,
                            code.size(),
                            all.indexOf(cell) + 1);
            progress.print(label + " ... ");
            progress.flush();
            midLine = true;
            currentLabel = label;
            boolean ok = runCell(cell, count, options);
            midLine = false;
            allOk &= ok;
            if (interrupted()) {
                progress.println("interrupted (Ctrl-C): stopping after this cell");
                return false;
            }
            if (!ok && !options.allowErrors()) {
                progress.println(
                        "stopping at the first failing cell (use --allow-errors to go on)");
                return false;
            }
        }
        return allOk;
    }

    /** Names the cell again when progress lines came between its label and its result. */
    private synchronized String resultPrefix() {
        return midLine ? "" : currentLabel + " ";
    }

    /** Prints a progress line of the running cell under its "[k/n] cell i ..." line. */
    private synchronized void progressLine(String line) {
        if (midLine) {
            progress.println();
            midLine = false;
        }
        progress.println("      " + line);
        progress.flush();
    }

    private boolean runCell(ObjectNode cell, int executionCount, RunOptions options) {
        ArrayNode cellOutputs = cell.putArray("outputs");
        cell.put("execution_count", executionCount);
        outputs.begin(cellOutputs);
        long start = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        CellResult result = executeWithTimeout(Notebook.source(cell), options, timedOut);
        System.out.flush();
        System.err.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.failed()) {
            CellError error =
                    timedOut.get() ? timeoutError(result.error(), options) : result.error();
            outputs.error(error);
            progress.printf(
                    Locale.ROOT,
                    "%s%s (%.1f s): %s: %s%n",
                    resultPrefix(),
                    timedOut.get() ? "timed out" : "error",
                    seconds,
                    error.ename(),
                    error.evalue());
            error.traceback().forEach(line -> progress.println("    " + line));
            return false;
        }
        if (result.value() != null) {
            outputs.result(result.value(), executionCount);
        }
        if (result.pager() != null) {
            // As JupyterLab shows a "page" payload: an output after the cell's others.
            outputs.display(MimeBundle.ofText(result.pager()), null);
        }
        progress.printf(Locale.ROOT, "%sok (%.1f s)%n", resultPrefix(), seconds);
        return true;
    }

    private CellResult executeWithTimeout(String code, RunOptions options, AtomicBoolean timedOut) {
        Interrupts.clear();
        if (options.timeout() == null) {
            return execute(code);
        }
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "tunebook-cell-timeout");
                            t.setDaemon(true);
                            return t;
                        });
        ScheduledFuture<?> watchdog =
                timer.schedule(
                        () -> {
                            timedOut.set(true);
                            Interrupts.request();
                            session.interrupt();
                        },
                        options.timeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        try {
            return execute(code);
        } finally {
            watchdog.cancel(false);
            timer.shutdownNow();
        }
    }

    private CellResult execute(String code) {
        try {
            return session.execute(code);
        } catch (RuntimeException | Error e) {
            return new CellResult(
                    null,
                    new CellError(
                            e.getClass().getName(),
                            String.valueOf(e.getMessage()),
                            List.of(e.toString())),
                    null);
        }
    }

    private static CellError timeoutError(CellError cause, RunOptions options) {
        String message =
                "cell exceeded the time limit of "
                        + options.timeout().toSeconds()
                        + " s and was interrupted";
        return new CellError("TimeoutError", message, cause.traceback());
    }

    private static String noInput(String prompt) {
        throw new IllegalStateException(
                "input is not available when running headless (tunebook run); prompt was: "
                        + prompt);
    }
}
