package dev.tunebook.kernel;

import java.nio.file.Path;

/** What a {@link KernelExtension} may register when the kernel starts. */
public interface ExtensionContext {
    /** Registers a magic; a later registration of the same name and kind replaces it. */
    void addMagic(MagicSpec magic);

    /** Registers a renderer for values of {@code type} and its subtypes. */
    <T> void addRenderer(Class<T> type, Renderer<? super T> renderer);

    /** Adds an import (for example {@code dev.tunebook.finetune.model.*}) to every cell. */
    void addStartupImport(String importTarget);

    /** Adds a jar or class folder to the notebook's classpath. */
    void addClasspath(Path path);
}
