package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.Interrupts;
import dev.tunebook.kernel.KernelExtension;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.magic.CoreMagics;
import dev.tunebook.kernel.magic.MagicHost;
import dev.tunebook.kernel.magic.MagicRegistry;
import dev.tunebook.kernel.magic.MavenSettingsFiles;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * The {@link CellSession} on JShell, running snippets in this JVM. Created with {@link #builder()}:
 * it loads every {@link KernelExtension} (ServiceLoader) after the core magics, puts this JVM's
 * classpath and the extensions' jars on the notebook's classpath, and imports the display API
 * ({@code display}, {@code html}, {@code markdown}, {@code image}, ...) and common JDK packages
 * into every cell.
 *
 * <p>Values are rendered with {@link #renderers()}, by default the registry {@link Display} uses;
 * the driver installs its {@link dev.tunebook.kernel.DisplaySink} with {@code Display.install(sink,
 * session.renderers())}.
 *
 * <p>By default the slow part of startup (classpath, imports, JShell's first compilation) runs in
 * the background, so a kernel can answer {@code kernel_info} at once; the first call that needs
 * JShell waits for it.
 *
 * <p>{@link #execute} and the other evaluation methods must be called by one thread at a time;
 * {@link #interrupt} may be called from any thread.
 */
public final class JShellSession implements CellSession {
    /**
     * How long after a cell ends the session counts as busy: background work (the compiler warm-up,
     * JShell's classpath indexer) waits for it, so cells run back to back never compete with that
     * work.
     */
    static final Duration IDLE_GRACE = Duration.ofMillis(500);

    static final List<String> DEFAULT_IMPORTS =
            List.of(
                    "java.io.*",
                    "java.math.*",
                    "java.net.*",
                    "java.nio.file.*",
                    "java.util.*",
                    "java.util.concurrent.*",
                    "java.util.function.*",
                    "java.util.regex.*",
                    "java.util.stream.*",
                    "static dev.tunebook.kernel.Display.*");

    private final JShell shell;
    private final SnippetExecutionControl control;
    private final Consumer<String> heapStop;
    private final MagicRegistry magics;
    private final RendererRegistry renderers;
    private final Path workingDirectory;
    private final FastCells fast;
    private final CellEvaluator evaluator;
    private final CodeAssist assist;
    private final MagicContext context = new SessionMagicContext(this);
    private final CompletableFuture<Void> ready;
    private volatile boolean evaluating;
    private final IndexingPause indexing;
    private volatile long lastCellEnd = System.nanoTime();
    private volatile boolean closed;

    JShellSession(JShellSessionBuilder builder) {
        this.renderers = builder.renderers != null ? builder.renderers : Display.renderers();
        this.workingDirectory = builder.workingDirectory.toAbsolutePath().normalize();
        this.magics = new MagicRegistry();
        SessionExtensionContext extensions = new SessionExtensionContext(magics, renderers);
        new CoreMagics(host(builder)).register(extensions);
        if (builder.loadExtensions) {
            loadExtensions(extensions, builder.extensionLoader);
        }
        Set<String> jvmClasspath = JvmClasspath.entries();
        this.control =
                new SnippetExecutionControl(
                        new SnippetLoader(JShellSession.class.getClassLoader(), jvmClasspath));
        this.heapStop = control::outOfMemory;
        HeapGuard.watch(heapStop);
        AtomicLong resultNumbers = new AtomicLong();
        Supplier<String> resultNames = () -> "$" + resultNumbers.incrementAndGet();
        this.shell =
                JShell.builder()
                        .executionEngine(new SnippetExecutionControlProvider(control), Map.of())
                        .tempVariableNameGenerator(resultNames)
                        // Local variable tables, so that helpful NullPointerException messages
                        // name a cell's locals ("because \"w\" is null", not "<local1>").
                        .compilerOptions("-g")
                        .fileManager(IndexKeepingFileManager::new)
                        .build();
        MagicRuns runs = new MagicRuns(magics, this::javaDocumentation);
        this.fast = FastCells.open(shell, control);
        this.evaluator = new CellEvaluator(shell, control, magics, runs, fast, resultNames);
        this.assist = new CodeAssist(shell, magics);
        this.indexing =
                new IndexingPause(
                        shell,
                        CompletableFuture.delayedExecutor(
                                IDLE_GRACE.toMillis(), TimeUnit.MILLISECONDS));
        List<Path> classpath = new ArrayList<>(builder.classpath);
        classpath.addAll(extensions.classpath());
        List<String> imports = extensions.imports();
        List<String> startupClasspath = new ArrayList<>(jvmClasspath);
        classpath.forEach(path -> startupClasspath.add(workingDirectory.resolve(path).toString()));
        Runnable startup =
                () -> {
                    // One call: JShell hands its whole classpath to javac again on each one, and
                    // a jar at a time that was ~100 times the kernel's jars at every start.
                    if (!startupClasspath.isEmpty()) {
                        shell.addToClasspath(String.join(File.pathSeparator, startupClasspath));
                    }
                    importAll(imports);
                };
        Runnable afterStartup =
                builder.warmup
                        ? () -> CompilerWarmup.run(imports(imports), this::busy, () -> closed)
                        : () -> {};
        this.ready =
                builder.backgroundStartup
                        ? startInBackground(startup, afterStartup)
                        : startNow(startup);
    }

    /** Returns a builder of sessions. */
    public static JShellSessionBuilder builder() {
        return new JShellSessionBuilder();
    }

    @Override
    public CellResult execute(String code) {
        evaluator.beginCell(true);
        return run(code);
    }

    @Override
    public CellResult evaluate(String expression) {
        evaluator.beginCell(false);
        return run(expression);
    }

    @Override
    public void interrupt() {
        Interrupts.request();
        control.stop();
    }

    @Override
    public Completion complete(String code, int cursor) {
        awaitStartup();
        return assist.complete(code, cursor);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        awaitStartup();
        return assist.inspect(code, cursor, detailLevel);
    }

    @Override
    public IsComplete isComplete(String code) {
        awaitStartup();
        return assist.isComplete(code);
    }

    @Override
    public RendererRegistry renderers() {
        return renderers;
    }

    @Override
    public List<MagicSpec> magics() {
        return magics.all();
    }

    /** Returns the directory relative paths in magics resolve against. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Adds a jar or class folder to the notebook's classpath (compiler and class loader). */
    public void addClasspath(Path path) {
        awaitStartup();
        addToShell(path);
    }

    /** Returns the current value of notebook variable {@code name}, or null when undefined. */
    public Object lookup(String name) {
        awaitStartup();
        Object result = evaluator.pendingResult(name);
        if (result != null) {
            return result;
        }
        List<VarSnippet> matches =
                shell.variables()
                        .filter(v -> v.name().equals(name))
                        .filter(v -> shell.status(v) == Snippet.Status.VALID)
                        .toList();
        if (matches.isEmpty()) {
            return null;
        }
        shell.varValue(matches.get(matches.size() - 1));
        return control.lastVariable();
    }

    @Override
    public void close() {
        closed = true;
        ready.exceptionally(e -> null).join();
        HeapGuard.unwatch(heapStop);
        // JShell's indexer is one thread for every session in this JVM.
        indexing.close();
        shell.close();
        control.close();
    }

    /** Returns the fast path, or null when cells compile through JShell alone. */
    FastCells fastCells() {
        return fast;
    }

    /** Runs {@code code} inside the running cell and returns its trailing value. */
    Object evalNested(String code) throws CellFailure {
        return evaluator.run(code, context).value();
    }

    /**
     * Runs {@code code} inside the running cell even when the cell was asked to stop: how a magic
     * that stopped cleanly binds its result.
     */
    void evalNestedDespiteStop(String code) throws Exception {
        control.despiteStop(() -> evaluator.run(code, context));
    }

    private CellResult run(String code) {
        Interrupts.clear();
        evaluating = true;
        boolean paused = false;
        try {
            awaitStartup();
            indexing.cellStarts();
            paused = true;
            Outcome outcome = evaluator.run(code, context);
            MimeBundle value = outcome.hasValue() ? render(outcome.value()) : null;
            return new CellResult(value, null, outcome.pager());
        } catch (CellFailure e) {
            return new CellResult(null, e.error(), null);
        } catch (RuntimeException e) {
            return new CellResult(null, CellErrors.runtime(e, Map.of(), -1), null);
        } finally {
            if (paused) {
                indexing.cellEnds();
            }
            lastCellEnd = System.nanoTime();
            evaluating = false;
            System.out.flush();
            System.err.flush();
        }
    }

    /**
     * Returns true while a cell runs and for {@link #IDLE_GRACE} after one ends, so that the
     * compiler warm-up never competes with cells run back to back.
     */
    private boolean busy() {
        return evaluating || System.nanoTime() - lastCellEnd < IDLE_GRACE.toNanos();
    }

    private void addToShell(Path path) {
        shell.addToClasspath(workingDirectory.resolve(path).toString());
    }

    /** Waits until the classpath and imports are in place; rethrows a startup failure. */
    private void awaitStartup() {
        try {
            ready.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the session failed to start: " + e.getCause(), e);
        }
    }

    private static CompletableFuture<Void> startNow(Runnable startup) {
        startup.run();
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Runs the slow part of startup (the first compilations) while the driver gets ready, then
     * {@code afterStartup} on the same thread.
     */
    private static CompletableFuture<Void> startInBackground(
            Runnable startup, Runnable afterStartup) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                startup.run();
                                ready.complete(null);
                            } catch (Throwable e) {
                                ready.completeExceptionally(e);
                                return;
                            }
                            afterStartup.run();
                        },
                        "tunebook-session-startup");
        thread.setDaemon(true);
        thread.start();
        return ready;
    }

    private MimeBundle render(Object value) {
        if (value instanceof MimeBundle bundle) {
            return bundle;
        }
        MimeBundle bundle;
        if (value != null
                && value.getClass().isArray()
                && !renderers.hasRenderer(value.getClass())) {
            bundle =
                    MimeBundle.ofText(
                            Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|\\]$", ""));
        } else {
            bundle = renderers.render(value);
        }
        // Object.toString of a class declared in a cell names JShell's wrapper class.
        String text = bundle.plainText();
        return text != null && text.contains("$JShell$")
                ? bundle.text(ReplNames.readable(text))
                : bundle;
    }

    private String javaDocumentation(String name) {
        return assist.documentation(name, name.length(), true);
    }

    /** Returns what every cell imports: the defaults, the input helpers, the extensions' own. */
    private static List<String> imports(List<String> extensionImports) {
        List<String> imports = new ArrayList<>(DEFAULT_IMPORTS);
        if (classExists("dev.tunebook.kernel.Input")) {
            imports.add("static dev.tunebook.kernel.Input.*");
        }
        imports.addAll(extensionImports);
        return imports;
    }

    private void importAll(List<String> extensionImports) {
        for (String target : imports(extensionImports)) {
            String source = "import " + target + ";";
            boolean rejected =
                    shell.eval(source).stream()
                            .anyMatch(e -> e.status() == Snippet.Status.REJECTED);
            if (rejected) {
                System.err.println("tunebook: ignoring import that does not compile: " + source);
            }
        }
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, JShellSession.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void loadExtensions(SessionExtensionContext context, ClassLoader loader) {
        for (KernelExtension extension : ServiceLoader.load(KernelExtension.class, loader)) {
            try {
                extension.register(context);
            } catch (RuntimeException | LinkageError e) {
                System.err.println(
                        "tunebook: extension " + extension.getClass().getName() + " failed: " + e);
            }
        }
    }

    private MagicHost host(JShellSessionBuilder builder) {
        Path mavenLocalRepository = builder.mavenLocalRepository;
        MavenSettingsFiles mavenSettings =
                builder.mavenSettings != null
                        ? builder.mavenSettings
                        : MavenSettingsFiles.defaults();
        return new MagicHost() {
            @Override
            public MagicRegistry magics() {
                return magics;
            }

            @Override
            public String help(String name) {
                return new MagicRuns(magics, JShellSession.this::javaDocumentation).help(name);
            }

            @Override
            public long executionCpuNanos() {
                return control.executionCpuNanos();
            }

            @Override
            public Path mavenLocalRepository() {
                return mavenLocalRepository;
            }

            @Override
            public MavenSettingsFiles mavenSettings() {
                return mavenSettings;
            }
        };
    }
}
