package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.magic.MavenSettingsFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link JShellSession}. Every setting is optional.
 *
 * <p>Instances are not thread-safe.
 */
public final class JShellSessionBuilder {
    final List<Path> classpath = new ArrayList<>();
    Path workingDirectory = Path.of("").toAbsolutePath();
    RendererRegistry renderers;
    boolean loadExtensions = true;
    boolean backgroundStartup = true;
    boolean warmup;
    ClassLoader extensionLoader = JShellSessionBuilder.class.getClassLoader();
    Path mavenLocalRepository = defaultMavenLocalRepository();
    MavenSettingsFiles mavenSettings;

    JShellSessionBuilder() {}

    /** Adds jars or class folders to the notebook's classpath (beyond this JVM's own). */
    public JShellSessionBuilder optClasspath(List<Path> entries) {
        classpath.addAll(entries);
        return this;
    }

    /** Sets the directory relative paths in magics resolve against (default: the JVM's). */
    public JShellSessionBuilder optWorkingDirectory(Path directory) {
        workingDirectory = directory;
        return this;
    }

    /**
     * Sets the renderer registry values are rendered with (default: {@link
     * dev.tunebook.kernel.Display#renderers()}).
     */
    public JShellSessionBuilder optRenderers(RendererRegistry registry) {
        renderers = registry;
        return this;
    }

    /** Sets whether {@link dev.tunebook.kernel.KernelExtension}s are loaded (default true). */
    public JShellSessionBuilder optLoadExtensions(boolean load) {
        loadExtensions = load;
        return this;
    }

    /**
     * Sets whether {@link #build()} returns before the classpath and imports are in place (default
     * true); calls that need JShell wait for them.
     */
    public JShellSessionBuilder optBackgroundStartup(boolean background) {
        backgroundStartup = background;
        return this;
    }

    /**
     * Sets whether a background startup goes on to warm JShell's compiler while no cell runs
     * (default false; the kernel turns it on so a notebook's first cells are as fast as later
     * ones).
     */
    public JShellSessionBuilder optWarmup(boolean warm) {
        warmup = warm;
        return this;
    }

    /** Sets the class loader extensions are looked up in (default: the kernel's). */
    public JShellSessionBuilder optExtensionClassLoader(ClassLoader loader) {
        extensionLoader = loader;
        return this;
    }

    /**
     * Sets the local Maven repository {@code %maven} uses (default: {@code -Dmaven.repo.local},
     * else the {@code localRepository} of the Maven settings, else {@code ~/.m2/repository}).
     */
    public JShellSessionBuilder optMavenLocalRepository(Path repository) {
        mavenLocalRepository = repository;
        return this;
    }

    /**
     * Sets the Maven settings files {@code %maven} reads (default {@link
     * MavenSettingsFiles#defaults()}, the ones {@code mvn} would read).
     */
    public JShellSessionBuilder optMavenSettings(MavenSettingsFiles files) {
        mavenSettings = files;
        return this;
    }

    /** Returns a new session; close it when done. */
    public JShellSession build() {
        return new JShellSession(this);
    }

    /**
     * Returns {@code -Dmaven.repo.local}, or null to let the Maven settings decide, as mvn does.
     */
    private static Path defaultMavenLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : null;
    }
}
