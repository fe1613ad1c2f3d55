package dev.tunebook.kernel;

/**
 * The extension SPI: implementations listed in {@code
 * META-INF/services/dev.tunebook.kernel.KernelExtension} are loaded with {@link
 * java.util.ServiceLoader} when the kernel (or the headless runner) starts.
 */
public interface KernelExtension {
    /** Registers this extension's magics, renderers, imports and classpath entries. */
    void register(ExtensionContext context);
}
