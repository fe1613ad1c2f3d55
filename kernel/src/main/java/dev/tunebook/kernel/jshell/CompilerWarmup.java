package dev.tunebook.kernel.jshell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * Warms the JIT for JShell's compiler after the kernel starts, on a throwaway JShell of its own, so
 * the notebook's first cells run at the speed of later ones.
 *
 * <p>A fresh kernel compiles its first cells with javac's code still interpreted: {@code 1+1} takes
 * 20–30 ms for the first 25 cells and about 9 ms once warm. The warm-up compiles a mix of the
 * snippets notebooks hold (expressions, declarations, methods, records, statements, completions)
 * while the kernel is idle; it pauses whenever a cell is running, so it never competes with the
 * user's work, and nothing it defines is visible in the notebook.
 */
final class CompilerWarmup {
    private static final List<String> SNIPPETS =
            List.of(
                    "1 + 1",
                    "int warm = 2;",
                    "warm * 3",
                    "String text = \"a\" + warm;",
                    "text.length()",
                    "int twice(int v) { return 2 * v; }",
                    "twice(warm)",
                    "record Point(double x, double y) {}",
                    "new Point(1, 2).x()",
                    "var list = new java.util.ArrayList<Integer>(java.util.List.of(3, 1, 2));",
                    "list.stream().mapToInt(Integer::intValue).sum()",
                    "for (int i = 0; i < 3; i++) { warm += i; }",
                    "String.valueOf(warm).isEmpty()",
                    "Math.max(warm, 4)");

    /**
     * Rounds over {@link #SNIPPETS} ({@code -Dtunebook.warmupRounds}, 0 = none): 20 are about 300
     * compilations, 4 s of one core.
     */
    private static final int ROUNDS = Integer.getInteger("tunebook.warmupRounds", 20);

    private CompilerWarmup() {}

    /**
     * Compiles the warm-up snippets, waiting while {@code busy} says a cell runs; returns early
     * when {@code stopped} says the session closed.
     */
    static void run(List<String> imports, BooleanSupplier busy, BooleanSupplier stopped) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        // Its own JShell and imports are compilations too: started while a notebook's first cells
        // run back to back, they took CPU from them.
        if (!waitUntilIdle(busy, stopped)) {
            return;
        }
        try (JShell shell =
                JShell.builder().executionEngine("local").out(discard).err(discard).build()) {
            for (String target : imports) {
                if (!waitUntilIdle(busy, stopped)) {
                    return;
                }
                shell.eval("import " + target + ";");
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (String snippet : SNIPPETS) {
                    if (!waitUntilIdle(busy, stopped)) {
                        return;
                    }
                    for (SnippetEvent event : shell.eval(snippet)) {
                        if (event.snippet().subKind()
                                == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                            shell.drop(event.snippet());
                        }
                    }
                    shell.sourceCodeAnalysis().completionSuggestions("war", 3, new int[1]);
                }
            }
        } catch (RuntimeException e) {
            // A warm-up that fails costs only speed; the notebook's own session is untouched.
        }
    }

    private static boolean waitUntilIdle(BooleanSupplier busy, BooleanSupplier stopped) {
        while (busy.getAsBoolean()) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(50); // polls the session's own flag; cells are never slowed by it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopped.getAsBoolean();
    }
}
