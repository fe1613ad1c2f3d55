/**
 * The JShell evaluator behind {@link dev.tunebook.kernel.jshell.CellSession}: a JShell that runs
 * snippets in the kernel's own JVM on a dedicated thread, with bytecode instrumentation so that an
 * interrupt stops any loop (on Java 17 and on Java 21+, where {@code Thread.stop} is gone) and
 * {@code System.exit} in a cell cannot end the kernel; with the kernel's Java agent ({@link
 * dev.tunebook.kernel.jshell.ExitAgent}) no route to {@code Runtime.exit} or {@code Runtime.halt}
 * can, other than {@link dev.tunebook.kernel.jshell.KernelExit}. {@link
 * dev.tunebook.kernel.jshell.JShellSession} is the entry point.
 */
package dev.tunebook.kernel.jshell;
