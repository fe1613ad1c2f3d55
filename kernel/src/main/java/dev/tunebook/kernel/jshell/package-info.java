/**
 * The JShell evaluator behind {@link dev.tunebook.kernel.jshell.CellSession}: a JShell that runs
 * snippets in the kernel's own JVM on a dedicated thread, with bytecode instrumentation so that an
 * interrupt stops any loop (on Java 17 and on Java 21+, where {@code Thread.stop} is gone) and
 * {@code System.exit} cannot end the kernel. {@link dev.tunebook.kernel.jshell.JShellSession} is
 * the entry point.
 */
package dev.tunebook.kernel.jshell;
