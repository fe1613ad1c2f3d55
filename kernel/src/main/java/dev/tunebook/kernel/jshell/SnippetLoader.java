package dev.tunebook.kernel.jshell;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads JShell's snippet classes (instrumented by {@link SnippetInstrumenter}) and the jars that
 * magics add, in a class loader whose parent is the kernel's own, so snippets share the display API
 * and the library classes with the kernel.
 *
 * <p>Thread-safe.
 */
final class SnippetLoader implements LoaderDelegate {
    private final ClassLoaderImpl loader;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Set<String> parentClasspath;

    SnippetLoader(ClassLoader parent, Set<String> parentClasspath) {
        this.loader = new ClassLoaderImpl(parent);
        this.parentClasspath = parentClasspath;
    }

    /** Returns the class loader of snippet classes and added jars. */
    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] loaded = new boolean[cbcs.length];
        try {
            for (ClassBytecodes cbc : cbcs) {
                loader.declare(cbc.name(), SnippetInstrumenter.instrument(cbc.bytecodes()));
            }
            for (int i = 0; i < cbcs.length; i++) {
                Class<?> type = loader.loadClass(cbcs[i].name());
                classes.put(cbcs[i].name(), type);
                loaded[i] = true;
                type.getDeclaredMethods();
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e, loaded);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes cbc : cbcs) {
            loader.declare(cbc.name(), SnippetInstrumenter.instrument(cbc.bytecodes()));
        }
    }

    /**
     * Loads classes that {@link FastCells} compiled (instrumented as JShell's are), without listing
     * them among JShell's snippet classes.
     */
    void loadCompiled(Map<String, byte[]> compiled) throws ClassNotFoundException {
        for (Map.Entry<String, byte[]> entry : compiled.entrySet()) {
            loader.declare(entry.getKey(), SnippetInstrumenter.instrument(entry.getValue()));
        }
        for (String name : compiled.keySet()) {
            classes.put(name, loader.loadClass(name));
        }
    }

    @Override
    public void addToClasspath(String classpath) throws InternalException {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                Path path = Path.of(entry).toAbsolutePath().normalize();
                if (!parentClasspath.contains(path.toString())) {
                    loader.addURL(path.toUri().toURL());
                }
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("bad classpath entry " + entry + ": " + e);
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = classes.get(name);
        if (type == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return type;
    }

    /** Returns the classpath entries added so far, in order. */
    Set<String> addedClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        for (URL url : loader.getURLs()) {
            entries.add(url.getPath());
        }
        return entries;
    }

    private static final class ClassLoaderImpl extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new HashMap<>();

        ClassLoaderImpl(ClassLoader parent) {
            super("tunebook-snippets", new URL[0], parent);
        }

        synchronized void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        /**
         * Loads the notebook's own classes here without asking the parent first: no jar holds
         * JShell's package, and asking meant a look-up in every jar of the kernel's classpath for
         * each snippet class a cell loads.
         */
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(ReplClassFiles.PACKAGE + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    type = findClass(name);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes;
            synchronized (this) {
                bytes = declared.get(name);
            }
            return bytes == null
                    ? super.findClass(name)
                    : defineClass(name, bytes, 0, bytes.length, (java.security.CodeSource) null);
        }

        @Override
        public void addURL(URL url) {
            super.addURL(url);
        }
    }
}
