package dev.tunebook.kernel.jshell;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's Java agent ({@code -javaagent}, which the kernelspec and the launcher pass): guards
 * {@code Runtime.exit} and {@code Runtime.halt} for the whole JVM ({@link RuntimeExitTransformer}),
 * so that no route a cell may take (reflection, method handles, a thread it starts, a library, the
 * JDK reflecting for it) ends the kernel; only {@link KernelExit} does. Works on Java 17 and on
 * Java 24+, where the SecurityManager that could veto an exit is gone (JEP 486). If the rewrite
 * fails, the kernel starts anyway, with the guard on direct calls in cells only.
 */
public final class ExitAgent {
    private ExitAgent() {}

    /** Installs the guard; called by the JVM before {@code main}. */
    public static void premain(String args, Instrumentation instrumentation) {
        openCompiler(instrumentation);
        RuntimeExitTransformer transformer = new RuntimeExitTransformer();
        instrumentation.addTransformer(transformer, true);
        boolean guarded = false;
        try {
            // The guard finds KernelExit through the system class loader: it must be this one.
            Class<?> found =
                    Class.forName(
                            KernelExit.class.getName(), true, ClassLoader.getSystemClassLoader());
            if (found != KernelExit.class) {
                throw new IllegalStateException("the kernel is not on the system class path");
            }
            instrumentation.retransformClasses(Runtime.class);
            guarded = transformer.transformed();
        } catch (Exception e) {
            // Logging is not configured yet (Main does it), so this goes to stderr directly.
            System.err.println("tunebook: cannot guard Runtime.exit: " + e);
        } finally {
            instrumentation.removeTransformer(transformer);
        }
        if (guarded) {
            KernelExit.markGuarded();
        } else if (transformer.failure() != null) {
            System.err.println("tunebook: cannot guard Runtime.exit: " + transformer.failure());
        }
    }

    /**
     * Lets the kernel reach javac's compiler pool and table of classes and JShell's wrapper lines,
     * which {@link FastCells} uses to run a cell in one compilation; without them cells run through
     * JShell alone.
     */
    private static void openCompiler(Instrumentation instrumentation) {
        Module kernel = ExitAgent.class.getModule();
        try {
            ModuleLayer.boot()
                    .findModule("jdk.compiler")
                    .ifPresent(
                            compiler ->
                                    instrumentation.redefineModule(
                                            compiler,
                                            Set.of(),
                                            Map.of(
                                                    "com.sun.tools.javac.api", Set.of(kernel),
                                                    "com.sun.tools.javac.code", Set.of(kernel),
                                                    "com.sun.tools.javac.util", Set.of(kernel)),
                                            Map.of("com.sun.tools.javac.code", Set.of(kernel)),
                                            Set.of(),
                                            Map.of()));
            ModuleLayer.boot()
                    .findModule("jdk.jshell")
                    .ifPresent(
                            jshell ->
                                    instrumentation.redefineModule(
                                            jshell,
                                            Set.of(),
                                            Map.of(),
                                            Map.of("jdk.jshell", Set.of(kernel)),
                                            Set.of(),
                                            Map.of()));
        } catch (RuntimeException e) {
            System.err.println("tunebook: cells will compile through JShell alone: " + e);
        }
    }
}
