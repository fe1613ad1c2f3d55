package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.ExtensionContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.Renderer;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.magic.MagicRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what extensions register: magics and renderers go straight to the session's registries,
 * imports and classpath entries are applied once the JShell exists.
 */
final class SessionExtensionContext implements ExtensionContext {
    private final MagicRegistry magics;
    private final RendererRegistry renderers;
    private final List<String> imports = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();

    SessionExtensionContext(MagicRegistry magics, RendererRegistry renderers) {
        this.magics = magics;
        this.renderers = renderers;
    }

    @Override
    public void addMagic(MagicSpec magic) {
        magics.register(magic);
    }

    @Override
    public <T> void addRenderer(Class<T> type, Renderer<? super T> renderer) {
        renderers.register(type, renderer);
    }

    @Override
    public void addStartupImport(String importTarget) {
        imports.add(importTarget);
    }

    @Override
    public void addClasspath(Path path) {
        classpath.add(path);
    }

    /** Returns the imports registered so far, without {@code import} and {@code ;}. */
    List<String> imports() {
        return List.copyOf(imports);
    }

    /** Returns the classpath entries registered so far. */
    List<Path> classpath() {
        return List.copyOf(classpath);
    }
}
