package dev.tunebook.kernel.notebook;

import dev.tunebook.kernel.jshell.KernelExit;
import java.io.PrintStream;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C for {@code tunebook run}: the first and second SIGINT interrupt the running cell as
 * Jupyter's interrupt button does (the first lets a training step finish and checkpoint, the second
 * forces), after which the runner writes the notebook so far and exits; a third ends the process at
 * once. Without it the JVM would exit on the first Ctrl-C and lose the running cell's work.
 */
public final class TerminalInterrupt {
    private TerminalInterrupt() {}

    /**
     * Sends SIGINT to {@code runner}; returns false when the platform does not let a JVM handle it
     * (or SIGINT was ignored when the process started).
     */
    public static boolean install(NotebookRunner runner) {
        PrintStream terminal = System.err; // the runner sends System.err to the cell's output
        int[] count = new int[1];
        try {
            SignalHandler previous =
                    Signal.handle(
                            new Signal("INT"),
                            signal -> {
                                count[0]++;
                                if (count[0] > 2) {
                                    KernelExit.halt(130);
                                }
                                terminal.println(
                                        count[0] == 1
                                                ? "\ntunebook run: interrupting the running cell"
                                                        + " (Ctrl-C again to force, a third time"
                                                        + " to quit at once)"
                                                : "\ntunebook run: forcing the cell to stop");
                                runner.interrupt();
                            });
            return previous != SignalHandler.SIG_IGN;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
