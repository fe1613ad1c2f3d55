package dev.tunebook.kernel;

/**
 * A line magic ({@code %name args}) or cell magic ({@code %%name args} followed by a body). A magic
 * parses its strings and calls a plain Java API; what it returns is displayed through the renderer
 * registry (null displays nothing).
 */
@FunctionalInterface
public interface Magic {
    /**
     * Runs the magic.
     *
     * @param args the text after the magic's name on its first line, trimmed
     * @param body the cell body below the first line for a cell magic, or null for a line magic
     * @param context what the magic may use of the running kernel
     * @throws MagicUsageException when the arguments are bad; the kernel prints the usage text
     */
    Object run(String args, String body, MagicContext context) throws Exception;
}
