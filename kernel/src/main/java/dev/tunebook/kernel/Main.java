package dev.tunebook.kernel;

import dev.tunebook.kernel.install.Kernelspec;
import dev.tunebook.kernel.install.KernelspecTarget;
import dev.tunebook.kernel.jshell.CellSession;
import dev.tunebook.kernel.jshell.JShellSession;
import dev.tunebook.kernel.jshell.KernelExit;
import dev.tunebook.kernel.jupyter.HistoryStore;
import dev.tunebook.kernel.jupyter.KernelConnection;
import dev.tunebook.kernel.jupyter.TunebookKernel;
import dev.tunebook.kernel.notebook.NotebookRunner;
import dev.tunebook.kernel.notebook.RunOptions;
import dev.tunebook.kernel.notebook.TerminalInterrupt;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.LoggerFactory;

/**
 * The {@code tunebook} command: {@code kernel CONNECTION_FILE} (what Jupyter starts), {@code run
 * NOTEBOOK} (headless), {@code install} (kernelspec) and {@code version}. Exit status 0 on success,
 * 1 when a notebook cell failed, 2 on bad usage or unreadable input, 130 when Ctrl-C stopped a run.
 */
public final class Main {
    static final String USAGE =
            """
            usage: tunebook kernel CONNECTION_FILE
                   tunebook run NOTEBOOK.ipynb [--output OUT.ipynb] [--timeout SECONDS] [--allow-errors]
                   tunebook install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                                    [--display-name NAME] [--interrupt-mode signal|message]
                                    [--jvm-opt OPTION]...
                   tunebook version
                   tunebook bench [NAME [ARGS]...]   (the launcher script runs benchmarks)""";

    private Main() {}

    /** Runs the command in {@code args}. */
    public static void main(String[] args) throws Exception {
        configureLogging();
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        String command = rest.isEmpty() ? "" : rest.pop();
        int status;
        try {
            status =
                    switch (command) {
                        case "kernel" -> kernel(rest);
                        case "run" -> run(rest);
                        case "install" -> install(rest);
                        case "version", "--version" -> version();
                        default -> usage(command.isEmpty() ? null : "unknown command: " + command);
                    };
        } catch (IllegalArgumentException e) {
            status = usage(e.getMessage());
        }
        KernelExit.exit(status);
    }

    private static void configureLogging() {
        setDefault("java.awt.headless", "true");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", logLevel());
        // Kernel logs keep going to the real stderr after System.err is routed to cells.
        setDefault("org.slf4j.simpleLogger.cacheOutputStream", "true");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        if ("warn".equals(logLevel())) {
            // DJL warns "Failed to detect GPU count" at every device query on a host without an
            // NVIDIA driver, four times per model on CPU machines; each run records its device.
            setDefault("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        }
        LoggerFactory.getLogger(Main.class);
    }

    private static String logLevel() {
        String level = System.getenv("TUNEBOOK_LOG_LEVEL");
        return level == null || level.isBlank() ? "warn" : level;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static int kernel(Deque<String> args) throws Exception {
        if (args.size() != 1) {
            return usage("kernel needs exactly one argument, the connection file");
        }
        Path file = Path.of(args.pop());
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(file));
        if (!KernelExit.guarded()) {
            LoggerFactory.getLogger(Main.class)
                    .warn(
                            "Started without the exit guard (-javaagent): a cell can end the"
                                    + " kernel through reflection; reinstall the kernelspec"
                                    + " (./tunebook install) to get it");
        }
        // JShell (a second or more) starts once the sockets are bound, so Jupyter sees the kernel
        // ready at once; the first cell waits for it.
        CompletableFuture<CellSession> session = new CompletableFuture<>();
        Thread builder =
                new Thread(() -> build(session, Path.of("").toAbsolutePath()), "tunebook-start");
        builder.setDaemon(true);
        KernelConnection connection = new KernelConnection(props);
        TunebookKernel kernel =
                new TunebookKernel(
                        connection, session, HistoryStore.open(HistoryStore.defaultFile()));
        kernel.start();
        builder.start();
        exitWithParent();
        kernel.awaitShutdown();
        session.thenAccept(CellSession::close);
        kernel.close();
        return 0;
    }

    /**
     * Exits when the process that started the kernel ({@code JPY_PARENT_PID}, set by
     * jupyter_client) is gone, so a crashed client leaves no orphan kernel behind.
     */
    private static void exitWithParent() {
        String parent = System.getenv("JPY_PARENT_PID");
        if (parent == null || !parent.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parent))
                .ifPresentOrElse(
                        p -> p.onExit().thenRun(() -> KernelExit.exit(0)),
                        () -> KernelExit.exit(0));
    }

    private static int run(Deque<String> args) throws IOException {
        Path notebook = null;
        Path output = null;
        Duration timeout = null;
        boolean allowErrors = false;
        while (!args.isEmpty()) {
            String arg = args.pop();
            switch (arg) {
                case "--output" -> output = Path.of(value(args, arg));
                case "--timeout" -> timeout = seconds(value(args, arg));
                case "--allow-errors" -> allowErrors = true;
                default -> {
                    if (arg.startsWith("-") || notebook != null) {
                        return usage("run: unexpected argument " + arg);
                    }
                    notebook = Path.of(arg);
                }
            }
        }
        if (notebook == null) {
            return usage("run needs a notebook");
        }
        PrintStream progress = System.out;
        Path dir = notebook.toAbsolutePath().getParent();
        try (CellSession session = newSession(dir, false)) {
            RunOptions options = new RunOptions(notebook, output, timeout, allowErrors);
            NotebookRunner runner = new NotebookRunner(session, progress);
            TerminalInterrupt.install(runner);
            boolean ok = runner.run(options);
            return runner.interrupted() ? 130 : ok ? 0 : 1;
        } catch (IOException e) {
            System.err.println("tunebook run: " + e.getMessage());
            return 2;
        }
    }

    private static int install(Deque<String> args) throws IOException {
        Kernelspec.Builder spec = Kernelspec.builder();
        Path kernels = KernelspecTarget.user();
        while (!args.isEmpty()) {
            String arg = args.pop();
            switch (arg) {
                case "--user" -> kernels = KernelspecTarget.user();
                case "--sys-prefix" -> kernels = KernelspecTarget.sysPrefix(python());
                case "--prefix" -> kernels = KernelspecTarget.prefix(Path.of(value(args, arg)));
                case "--name" -> spec.optName(value(args, arg));
                case "--display-name" -> spec.optDisplayName(value(args, arg));
                case "--interrupt-mode" -> spec.optInterruptMode(value(args, arg));
                case "--jvm-opt" -> spec.optJvmOption(value(args, arg));
                default -> {
                    return usage("install: unexpected argument " + arg);
                }
            }
        }
        Kernelspec built = spec.build();
        Path dir = built.writeTo(kernels);
        System.out.println("Installed kernelspec " + built.name() + " in " + dir);
        return 0;
    }

    private static String python() {
        String python = System.getenv("TUNEBOOK_PYTHON");
        return python == null || python.isBlank() ? "python3" : python;
    }

    private static int version() {
        String version = Main.class.getPackage().getImplementationVersion();
        System.out.println(
                "tunebook "
                        + (version == null ? "dev" : version)
                        + " (Java "
                        + Runtime.version()
                        + ")");
        return 0;
    }

    private static void build(CompletableFuture<CellSession> session, Path workingDirectory) {
        try {
            session.complete(newSession(workingDirectory, true));
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(Main.class).error("Could not start the JShell session", e);
            session.completeExceptionally(e);
        }
    }

    /** A kernel warms JShell's compiler while idle; the runner runs its cells at once instead. */
    private static CellSession newSession(Path workingDirectory, boolean warmup) {
        return JShellSession.builder()
                .optWorkingDirectory(workingDirectory)
                .optWarmup(warmup)
                .build();
    }

    private static String value(Deque<String> args, String option) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.pop();
    }

    private static Duration seconds(String text) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--timeout must be a number of seconds, not " + text);
        }
    }

    private static int usage(String problem) {
        if (problem != null) {
            System.err.println("tunebook: " + problem);
        }
        System.err.println(USAGE);
        return 2;
    }
}
