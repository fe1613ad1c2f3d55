package dev.tunebook.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.tools.JavaFileManager;

/**
 * The classes {@link FastCells}' compilations write, taken out of JShell's file manager, which
 * keeps every class file written through it (it is the only file manager JShell's javac contexts
 * can use: javac binds a context to the first one it is given).
 *
 * <p>Reached by reflection, as {@link PooledJavac}; not thread-safe.
 */
final class ReplClassFiles {
    static final String PACKAGE = "REPL";

    private final Map<?, ?> written;
    private final Method bytes;

    ReplClassFiles(JavaFileManager jshellFiles) throws ReflectiveOperationException {
        Field field = jshellFiles.getClass().getDeclaredField("classObjects");
        field.setAccessible(true);
        written = (Map<?, ?>) field.get(jshellFiles);
        bytes =
                Class.forName("jdk.jshell.MemoryFileManager$OutputMemoryJavaFileObject")
                        .getDeclaredMethod("getBytes");
        bytes.setAccessible(true);
    }

    /**
     * Returns and removes the class files of {@code binaryName} and its nested classes, by binary
     * name.
     */
    Map<String, byte[]> take(String binaryName) throws ReflectiveOperationException {
        Map<String, byte[]> taken = new LinkedHashMap<>();
        for (Iterator<? extends Map.Entry<?, ?>> it = written.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<?, ?> entry = it.next();
            String name = String.valueOf(entry.getKey());
            if (name.equals(binaryName) || name.startsWith(binaryName + "$")) {
                taken.put(name, (byte[]) bytes.invoke(entry.getValue()));
                it.remove();
            }
        }
        return taken;
    }
}
