package dev.tunebook.kernel.jshell;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;
import javax.tools.DiagnosticListener;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Compilations in JShell's own javac context: JShell keeps its contexts in a pool of javac's
 * ({@code JavacTaskPool}), so the symbol tables of the JDK, the libraries and the notebook's
 * classes are read already, its classpath (with {@code %maven}'s jars) and its in-memory classes
 * are there, and a compilation's passes run on code the JIT has seen. A compilation in a fresh
 * context took 80 ms in a fresh kernel, and building a second context competed with a first
 * training cell; in JShell's, 5 ms. As JShell does after each of its compilations, the notebook's
 * package is purged from the symbol table afterwards, so that the next compilation reads its
 * classes again.
 *
 * <p>javac's pool and symbol table and JShell's task factory are not exported API; they are reached
 * by reflection, which the kernel's agent (or {@code --add-exports
 * jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED}, the same for {@code .code} and {@code .util},
 * and {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}) allows. {@link #open} returns null
 * where it does not. Opening {@code .code} too ({@code --add-opens}) makes the purge after each
 * compilation a look-up per class name instead of a walk over every class of every module.
 *
 * <p>Thread-safe as JShell's own compilations: each runs while holding JShell's task factory.
 */
final class PooledJavac {
    private static final String API = "com.sun.tools.javac.api.";
    private static final String CODE = "com.sun.tools.javac.code.";
    private static final String UTIL = "com.sun.tools.javac.util.";

    private final Object factory;
    private final Field poolField;
    private final javax.tools.JavaFileManager files;
    private final List<String> options;
    private final Method getTask;
    private final Method preRegister;
    private final Method parserPreRegister;
    private final Class<?> worker;
    private final Method getContext;
    private final Method symtabInstance;
    private final Method namesInstance;
    private final Method fromString;
    private final Method getPackage;
    private final Field unnamedModule;
    private final Method getAllClasses;
    private final Field classes;
    private final Method removeClass;
    private final Method packge;
    private final Method flatName;
    private final Field membersField;
    private final Field completer;
    private final Method finderInstance;
    private final Method getCompleter;

    private PooledJavac(jdk.jshell.JShell shell) throws ReflectiveOperationException {
        Class<?> poolClass = Class.forName(API + "JavacTaskPool");
        factory = open(shell, "taskFactory");
        poolField = factory.getClass().getDeclaredField("javacTaskPool");
        poolField.setAccessible(true);
        files = (javax.tools.JavaFileManager) open(factory, "fileManager");
        @SuppressWarnings("unchecked")
        List<String> extra = (List<String>) open(shell, "extraCompilerOptions");
        List<String> all =
                new java.util.ArrayList<>(
                        List.of("-Xlint:unchecked,-strictfp", "-proc:none", "-parameters"));
        all.addAll(extra);
        options = List.copyOf(all);
        worker = Class.forName(API + "JavacTaskPool$Worker");
        getTask =
                poolClass.getMethod(
                        "getTask",
                        java.io.Writer.class,
                        JavaFileManager.class,
                        DiagnosticListener.class,
                        Iterable.class,
                        Iterable.class,
                        Iterable.class,
                        worker);
        getContext = Class.forName(API + "BasicJavacTask").getMethod("getContext");
        Class<?> context = Class.forName(UTIL + "Context");
        // JShell's name resolution, which each of its tasks installs in a context it has not
        // used before; a context this class used first must have it too.
        preRegister =
                Class.forName("jdk.jshell.TaskFactory$DisableAccessibilityResolve")
                        .getDeclaredMethod("preRegister", context);
        preRegister.setAccessible(true);
        parserPreRegister = jshellParser(context);
        Class<?> symtab = Class.forName(CODE + "Symtab");
        Class<?> names = Class.forName(UTIL + "Names");
        Class<?> name = Class.forName(UTIL + "Name");
        Class<?> module = Class.forName(CODE + "Symbol$ModuleSymbol");
        Class<?> symbol = Class.forName(CODE + "Symbol");
        Class<?> classSymbol = Class.forName(CODE + "Symbol$ClassSymbol");
        Class<?> finder = Class.forName(CODE + "ClassFinder");
        symtabInstance = symtab.getMethod("instance", context);
        namesInstance = names.getMethod("instance", context);
        fromString = names.getMethod("fromString", String.class);
        getPackage = symtab.getMethod("getPackage", module, name);
        unnamedModule = symtab.getField("unnamedModule");
        getAllClasses = symtab.getMethod("getAllClasses");
        classes = classesByName(symtab);
        removeClass = symtab.getMethod("removeClass", module, name);
        packge = symbol.getMethod("packge");
        flatName = classSymbol.getMethod("flatName");
        membersField = Class.forName(CODE + "Symbol$PackageSymbol").getField("members_field");
        completer = symbol.getField("completer");
        finderInstance = finder.getMethod("instance", context);
        getCompleter = finder.getMethod("getCompleter");
    }

    /**
     * Returns compilations in {@code shell}'s javac contexts, or null when this JVM does not let
     * the kernel reach them.
     */
    static PooledJavac open(jdk.jshell.JShell shell) {
        try {
            return new PooledJavac(shell);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Returns JShell's file manager: its classpath and the notebook's classes in memory. */
    javax.tools.JavaFileManager files() {
        return files;
    }

    /**
     * Returns the options of JShell's code-generating compilations, as JShell 17 to 25 passes them:
     * javac's pool keeps one context per set of options, and this selects the one every snippet
     * JShell compiles keeps warm.
     */
    List<String> options() {
        return options;
    }

    private static Object open(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    /**
     * Runs {@code work} on a task that compiles {@code sources} in JShell's context for {@code
     * options}, then drops every class of package {@code forget} that the context has read.
     */
    <T> T run(
            JavaFileManager files,
            DiagnosticListener<JavaFileObject> diagnostics,
            List<String> options,
            List<JavaFileObject> sources,
            String forget,
            Function<JavacTask, T> work) {
        Object callback =
                Proxy.newProxyInstance(
                        PooledJavac.class.getClassLoader(),
                        new Class<?>[] {worker},
                        (proxy, method, args) -> {
                            if (!method.getName().equals("withTask")) {
                                return method.getName().equals("toString")
                                        ? "tunebook-javac-worker"
                                        : method.getName().equals("hashCode")
                                                ? System.identityHashCode(proxy)
                                                : proxy == args[0];
                            }
                            JavacTask task = (JavacTask) args[0];
                            // The task lets go of its context when it has run.
                            Object context = getContext.invoke(task);
                            preRegister.invoke(null, context);
                            if (parserPreRegister != null) {
                                parserPreRegister.invoke(null, context);
                            }
                            Entering entering = new Entering();
                            task.addTaskListener(entering);
                            try {
                                return work.apply(task);
                            } finally {
                                // A task that only parsed has read no class.
                                if (entering.started) {
                                    forgetPackage(context, forget);
                                }
                            }
                        });
        // JShell's own tasks hold its task factory while they run.
        synchronized (factory) {
            return runTask(files, diagnostics, options, sources, callback);
        }
    }

    private <T> T runTask(
            JavaFileManager files,
            DiagnosticListener<JavaFileObject> diagnostics,
            List<String> options,
            List<JavaFileObject> sources,
            Object callback) {
        try {
            Object pool = poolField.get(factory);
            @SuppressWarnings("unchecked")
            T result =
                    (T)
                            getTask.invoke(
                                    pool,
                                    null,
                                    files,
                                    diagnostics,
                                    options,
                                    null,
                                    sources,
                                    callback);
            return result;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns how JShell 25 installs its parser in the contexts of its compilations, or null where
     * its compilations do not (JShell 17). javac refuses a second parser in a context, so where
     * JShell installs one, a context this class used first must have JShell's already.
     */
    private static Method jshellParser(Class<?> context) {
        try {
            Method method =
                    Class.forName("jdk.jshell.TaskFactory$JShellAnalyzeParserFactory")
                            .getDeclaredMethod("preRegister", context);
            method.setAccessible(true);
            return method;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * Returns javac's table of classes by flat name and module ({@code Symtab.classes}), or null
     * where this JVM does not open it to the kernel.
     */
    private static Field classesByName(Class<?> symtab) {
        try {
            Field field = symtab.getDeclaredField("classes");
            field.setAccessible(true);
            return java.util.Map.class.isAssignableFrom(field.getType()) ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Notes that a task entered its classes: from then on javac reads the classes they name. */
    private static final class Entering implements TaskListener {
        boolean started;

        @Override
        public void started(TaskEvent event) {
            if (event.getKind() == TaskEvent.Kind.ENTER) {
                started = true;
            }
        }
    }

    /** What JShell does after each of its compilations, for its own package. */
    private void forgetPackage(Object context, String packageName) {
        try {
            Object syms = symtabInstance.invoke(null, context);
            Object module = unnamedModule.get(syms);
            Object name = fromString.invoke(namesInstance.invoke(null, context), packageName);
            Object repl = getPackage.invoke(syms, module, name);
            if (repl == null) {
                return;
            }
            List<Object> drop = new java.util.ArrayList<>();
            if (classes != null) {
                // The package is in the unnamed module: a look-up per name, where JShell's walk
                // over every class of every module took most of the time.
                for (Object byModule : ((java.util.Map<?, ?>) classes.get(syms)).values()) {
                    Object type = ((java.util.Map<?, ?>) byModule).get(module);
                    if (type != null && packge.invoke(type) == repl) {
                        drop.add(flatName.invoke(type));
                    }
                }
            } else {
                for (Object type : (Iterable<?>) getAllClasses.invoke(syms)) {
                    if (packge.invoke(type) == repl) {
                        drop.add(flatName.invoke(type));
                    }
                }
            }
            for (Object flat : drop) {
                removeClass.invoke(syms, module, flat);
            }
            membersField.set(repl, null);
            completer.set(repl, getCompleter.invoke(finderInstance.invoke(null, context)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reset javac's package " + packageName, e);
        }
    }
}
