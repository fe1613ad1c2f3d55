package dev.tunebook.kernel.jshell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The file manager of {@link FastCells}' compilations: the notebook's classpath from disk, JShell's
 * snippet classes (package {@code REPL}) from memory as the loader last received them, and the
 * compiled classes kept in memory.
 *
 * <p>Not thread-safe; used by one compilation at a time.
 */
final class ReplClassFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {
    static final String PACKAGE = "REPL";

    private final Map<String, byte[]> snippetClasses;
    private final List<Path> classpath = new ArrayList<>();
    private boolean classpathChanged = true;
    private Map<String, byte[]> output = new LinkedHashMap<>();

    /** {@code snippetClasses}: binary name to class file, kept up to date by the loader. */
    ReplClassFiles(StandardJavaFileManager delegate, Map<String, byte[]> snippetClasses) {
        super(delegate);
        this.snippetClasses = snippetClasses;
    }

    /** Adds a jar or class folder to the compilations' classpath; returns false if known. */
    boolean addClasspath(Path entry) {
        if (classpath.contains(entry)) {
            return false;
        }
        classpath.add(entry);
        classpathChanged = true;
        return true;
    }

    /** Starts a compilation: applies classpath changes and forgets the previous output. */
    void begin() throws IOException {
        if (classpathChanged) {
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            classpathChanged = false;
        }
        output = new LinkedHashMap<>();
    }

    /** Returns the classes the compilation wrote, by binary name. */
    Map<String, byte[]> output() {
        return output;
    }

    @Override
    public Iterable<JavaFileObject> list(
            Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
            throws IOException {
        Iterable<JavaFileObject> listed = super.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.CLASS_PATH
                || !packageName.equals(PACKAGE)
                || !kinds.contains(JavaFileObject.Kind.CLASS)) {
            return listed;
        }
        List<JavaFileObject> all = new ArrayList<>();
        listed.forEach(all::add);
        for (Map.Entry<String, byte[]> entry : snippetClasses.entrySet()) {
            all.add(new SnippetClass(entry.getKey(), entry.getValue()));
        }
        return all;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return file instanceof SnippetClass snippet
                ? snippet.binaryName
                : super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof SnippetClass || b instanceof SnippetClass) {
            return a.equals(b);
        }
        return super.isSameFile(a, b);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
            @Override
            public OutputStream openOutputStream() {
                return new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        output.put(className, toByteArray());
                    }
                };
            }
        };
    }

    /** A snippet class as javac reads it. */
    private static final class SnippetClass extends SimpleJavaFileObject {
        final String binaryName;
        final byte[] bytes;

        SnippetClass(String binaryName, byte[] bytes) {
            super(URI.create("mem:///" + binaryName.replace('.', '/') + ".class"), Kind.CLASS);
            this.binaryName = binaryName;
            this.bytes = bytes;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
