package dev.tunebook.kernel.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar a kernelspec names in {@code -javaagent:}: only a manifest whose {@code Premain-Class} is
 * the kernel's {@code ExitAgent}. The JVM loads that class through the system class loader, so it
 * comes from the kernel's classpath, whatever its form (jars or class directories).
 */
final class AgentJar {
    /** The file name inside the kernelspec directory. */
    static final String FILE_NAME = "tunebook-agent.jar";

    static final String PREMAIN_CLASS = "dev.tunebook.kernel.jshell.ExitAgent";

    private AgentJar() {}

    /** Writes the jar to {@code file}. */
    static void write(Path file) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name("Premain-Class"), PREMAIN_CLASS);
        main.put(new Attributes.Name("Can-Retransform-Classes"), "true");
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.finish();
        }
    }
}
