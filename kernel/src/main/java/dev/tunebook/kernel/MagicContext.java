package dev.tunebook.kernel;

import java.nio.file.Path;
import java.util.List;

/** What a running magic may use of the kernel. Only valid during the magic's call. */
public interface MagicContext {
    /** Evaluates Java code as if it were a cell and returns its trailing expression's value. */
    Object eval(String code) throws Exception;

    /**
     * Binds {@code value} to a notebook variable {@code name} declared with {@code type}, so later
     * cells can use it from Java ({@code var model = ...}).
     */
    <T> void bind(String name, Class<? super T> type, T value) throws Exception;

    /** Returns the value of a notebook variable, or null if it is not defined. */
    Object lookup(String name);

    /** Adds jars or class folders to the notebook's classpath. */
    void addClasspath(List<Path> paths);

    /** Returns the notebook's working directory (beside the notebook when known). */
    Path workingDirectory();

    /** Returns true while the running cell has been asked to stop (Jupyter interrupt). */
    default boolean interruptRequested() {
        return Interrupts.requested();
    }
}
