package dev.tunebook.kernel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The floor JShell itself puts under a cell (not a test): plain JShell, local execution, no kernel
 * and no protocol, evaluating a snippet again and again, in rounds, so that the JIT is warm and
 * growth with the number of snippets shows. For an expression JShell runs four javac passes (parse,
 * type of the expression, analysis, compile); this is the time the kernel's {@code 1+1} round trip
 * cannot go below.
 *
 * <p>Usage: {@code ./tunebook bench JShellFloorBench [runsPerRound [rounds]]}.
 */
public final class JShellFloorBench {
    private JShellFloorBench() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        measure("1+1, every $N kept", "1+1", false, runs, rounds);
        measure("1+1, $N dropped at once", "1+1", true, runs, rounds);
        measure("int q = 1; (redefined)", "int q = 1;", true, runs, rounds);
    }

    private static void measure(String what, String code, boolean drop, int runs, int rounds) {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (int round = 0; round < rounds; round++) {
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    List<SnippetEvent> events = shell.eval(code);
                    millis.add((System.nanoTime() - start) / 1e6);
                    for (SnippetEvent event : events) {
                        if (drop
                                && event.snippet().subKind()
                                        == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                            shell.drop(event.snippet());
                        }
                    }
                }
                Collections.sort(millis);
                System.out.printf(
                        Locale.ROOT,
                        "%-26s round %d (snippets %5d-%5d): median %.2f ms, p90 %.2f ms%n",
                        what,
                        round + 1,
                        round * runs + 1,
                        (round + 1) * runs,
                        millis.get(runs / 2),
                        millis.get((int) Math.ceil(runs * 0.9) - 1));
            }
        }
    }
}
