package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same cells in a session with the fast path and in one with JShell alone give the same values,
 * errors and tracebacks.
 */
class FastCellsParityTest {
    private static final List<String> CELLS =
            List.of(
                    "1 + 1",
                    "\"h\u00e9llo\".length()",
                    "int n = 3;",
                    "n",
                    "n = 4",
                    "n += 2",
                    "n++",
                    "n",
                    "(n)",
                    "n * 1.5",
                    "'a' + 1",
                    "(char) ('a' + 1)",
                    "(byte) 7",
                    "3.0f / 2",
                    "null",
                    "String nothing = null;",
                    "nothing",
                    "new int[] {1, 2, 3}",
                    "new String[][] {{\"a\"}, {\"b\", \"c\"}}",
                    "List.of(1, 2, 3)",
                    "Map.of(\"k\", 1)",
                    "java.util.Optional.empty()",
                    "int sq(int x) { return x * x; }",
                    "sq(n)",
                    "sq(n);",
                    "System.out.println(\"printed\")",
                    "String.format(\"%05d\", n)",
                    "n > 3 ? \"big\" : \"small\"",
                    "switch (n) { case 7 -> \"seven\"; default -> \"other\"; }",
                    "switch (n) { case 7: System.out.println(\"s\"); break; default: break; }",
                    "Object o = \"text\";",
                    "o instanceof String s && s.length() == 4",
                    "record Pair(int a, int b) { int sum() { return a + b; } }",
                    "new Pair(1, 2)",
                    "new Pair(1, 2).sum()",
                    "enum Color { RED, GREEN }",
                    "Color.GREEN",
                    "Color.values().length",
                    "for (Color c : Color.values()) { System.out.println(c); }",
                    "{ int local = 5; System.out.println(local * n); }",
                    "outer: for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) {"
                            + " if (j == 1) continue outer; n += j; } }",
                    "n",
                    "try { Integer.parseInt(\"x\"); } catch (NumberFormatException e) {"
                            + " System.out.println(\"caught\"); } finally { n = 0; }",
                    "n",
                    "Integer.parseInt(\"not a number\")",
                    "int fails(int d) {\n  return 10 / d;\n}",
                    "fails(0)",
                    "int deep(int k) { return k == 0 ? fails(0) : deep(k - 1); }",
                    "deep(3)",
                    "List.of(1, 0).stream().map(v -> 10 / v).toList()",
                    "throw new IllegalStateException(\"thrown\", new RuntimeException(\"cause\"))",
                    "if (true) throw new java.io.IOException(\"checked\");",
                    "Runnable r = () -> { throw new UnsupportedOperationException(\"in lambda\"); };",
                    "r.run()",
                    "undefinedThing",
                    "n.length()",
                    "sq(\"x\")",
                    "int recurse(int k) { return recurse(k + 1) + 1; }",
                    "recurse(0)",
                    "int missing() { return notDeclaredYet(); }",
                    "missing()",
                    "var list = new ArrayList<String>();",
                    "list.add(\"x\")",
                    "list.add(\"y\");",
                    "list",
                    "list.get(5)",
                    "((Object) 5).equals(5)",
                    "n = sq(3);",
                    "n",
                    "String sq = \"shadow\";",
                    "sq",
                    "sq(2)",
                    "\"\"\"\n  text\n  block\"\"\"",
                    "Math.max(n, 100)",
                    "java.util.stream.IntStream.range(0, 4).sum()",
                    "assert n > 0 : \"positive\";",
                    "synchronized (list) { list.clear(); }",
                    "list.size()");

    @Test
    void fastAndJShellAloneGiveTheSameResults() {
        List<String> fast = run(true);
        List<String> jshell = run(false);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < CELLS.size(); i++) {
            if (!fast.get(i).equals(jshell.get(i))) {
                differences.add(
                        CELLS.get(i)
                                + "\n  fast:   "
                                + fast.get(i)
                                + "\n  jshell: "
                                + jshell.get(i));
            }
        }
        assertEquals("", String.join("\n", differences));
    }

    private static List<String> run(boolean fastCells) {
        String property = "tunebook.fastCells";
        String before = System.getProperty(property);
        System.setProperty(property, String.valueOf(fastCells));
        List<String> outcomes = new ArrayList<>();
        try (JShellSession session = JShellSession.builder().build()) {
            assertEquals(fastCells, session.fastCells() != null);
            for (String cell : CELLS) {
                CellResult result = session.execute(cell);
                outcomes.add(describe(result));
            }
            if (fastCells) {
                assertTrue(session.fastCells().runs() > CELLS.size() / 2, "most cells ran fast");
            }
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        return outcomes;
    }

    private static String describe(CellResult result) {
        if (result.error() != null) {
            CellError error = result.error();
            assertNotNull(error.ename());
            return "error " + error.ename() + ": " + error.evalue() + " " + error.traceback();
        }
        return result.value() == null ? "no value" : "value " + result.value().plainText();
    }
}
