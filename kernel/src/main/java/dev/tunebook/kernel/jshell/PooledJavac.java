package dev.tunebook.kernel.jshell;

import com.sun.source.util.JavacTask;
import java.lang.reflect.Constructor;
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
 * javac with its compiler context kept between compilations, as JShell keeps its own: the symbol
 * tables of the JDK and the libraries are read once, and a compilation's passes run on code the JIT
 * has already seen. A compilation in a fresh context took 80 ms in a fresh kernel; in a kept one, 5
 * ms.
 *
 * <p>javac's pool and symbol table are not exported API; they are reached by reflection, which the
 * kernel's agent (or {@code --add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED} and the
 * same for {@code .code} and {@code .util}) allows. {@link #open()} returns null where it does not.
 *
 * <p>Not thread-safe; one compilation at a time.
 */
final class PooledJavac {
    private static final String API = "com.sun.tools.javac.api.";
    private static final String CODE = "com.sun.tools.javac.code.";
    private static final String UTIL = "com.sun.tools.javac.util.";

    private final Object pool;
    private final Method getTask;
    private final Class<?> worker;
    private final Method getContext;
    private final Method symtabInstance;
    private final Method namesInstance;
    private final Method fromString;
    private final Method getPackage;
    private final Field unnamedModule;
    private final Method getAllClasses;
    private final Method removeClass;
    private final Method packge;
    private final Method flatName;
    private final Field membersField;
    private final Field completer;
    private final Method finderInstance;
    private final Method getCompleter;

    private PooledJavac() throws ReflectiveOperationException {
        Class<?> poolClass = Class.forName(API + "JavacTaskPool");
        Constructor<?> create = poolClass.getConstructor(int.class);
        pool = create.newInstance(1);
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
        removeClass = symtab.getMethod("removeClass", module, name);
        packge = symbol.getMethod("packge");
        flatName = classSymbol.getMethod("flatName");
        membersField = Class.forName(CODE + "Symbol$PackageSymbol").getField("members_field");
        completer = symbol.getField("completer");
        finderInstance = finder.getMethod("instance", context);
        getCompleter = finder.getMethod("getCompleter");
    }

    /** Returns a pool, or null when this JVM does not let the kernel reach javac's internals. */
    static PooledJavac open() {
        try {
            return new PooledJavac();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Runs {@code work} on a task that compiles {@code sources}; first, when {@code forget} is set,
     * drops every class of package {@code forget} that the kept context has read, so that the next
     * compilation reads them again (they may have changed).
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
                            if (forget != null) {
                                forgetPackage(task, forget);
                            }
                            return work.apply(task);
                        });
        try {
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

    /** What JShell does after each of its compilations, for its own package. */
    private void forgetPackage(JavacTask task, String packageName) {
        try {
            Object context = getContext.invoke(task);
            Object syms = symtabInstance.invoke(null, context);
            Object module = unnamedModule.get(syms);
            Object name = fromString.invoke(namesInstance.invoke(null, context), packageName);
            Object repl = getPackage.invoke(syms, module, name);
            if (repl == null) {
                return;
            }
            List<Object> drop = new java.util.ArrayList<>();
            for (Object type : (Iterable<?>) getAllClasses.invoke(syms)) {
                if (packge.invoke(type) == repl) {
                    drop.add(flatName.invoke(type));
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
