package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expressions and statements that run without JShell behave as JShell would run them: they see the
 * notebook's declarations and imports, bind {@code $N}, report errors in JShell's words and
 * tracebacks with cell lines.
 */
class FastCellsTest {
    private static JShellSession session;

    @BeforeAll
    static void start() {
        session = JShellSession.builder().build();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static String text(String code) {
        CellResult result = session.execute(code);
        assertNull(result.error(), () -> code + ": unexpected error " + result.error());
        return result.value() == null ? null : result.value().plainText();
    }

    private static CellError error(String code) {
        CellResult result = session.execute(code);
        assertNotNull(result.error(), () -> code + ": expected an error");
        return result.error();
    }

    @Test
    void expressionsAndStatementsRunWithoutJShellAndDeclarationsWithIt() {
        FastCells fast = session.fastCells();
        assertNotNull(fast, "the surefire flags open javac and JShell to the kernel");
        long before = fast.runs();
        assertEquals("2", text("1 + 1"));
        assertNull(text("if (1 > 0) { System.out.print(\"\"); }"));
        assertEquals(before + 2, fast.runs());
        text("int declaredHere = 1;");
        text("import java.util.concurrent.atomic.*;");
        text("new Object() { int x = 1; }.x");
        assertEquals(before + 2, fast.runs());
    }

    @Test
    void everyFormRunsWithoutJShellAndShowsWhatJShellWould() {
        FastCells fast = session.fastCells();
        text("int counter = 0;");
        long before = fast.runs();
        assertNull(text("counter = 5"), "an assignment to a variable shows nothing");
        assertEquals("6", text("counter += 1"));
        assertEquals("6", text("counter"));
        assertNull(text("System.out.print(\"\")"), "a void call");
        assertNull(text("switch (counter) { case 6 -> counter++; default -> {} }"));
        assertNull(text("for (int i = 0; i < 3; i++) counter++;"));
        assertEquals("10", text("counter"));
        assertEquals(before + 7, fast.runs());
    }

    @Test
    void expressionsAndStatementsSeeEarlierDeclarations() {
        text("int counter = 5;");
        text("int twice(int v) { return 2 * v; }");
        text("record Point(int x, int y) { int sum() { return x + y; } }");
        assertEquals("10", text("twice(counter)"));
        assertNull(text("counter = 7"));
        assertNull(text("counter += 1;"));
        assertEquals("8", text("counter"));
        assertNull(text("for (int i = 0; i < 3; i++) { counter++; }"));
        assertEquals("11", text("counter"));
        assertEquals("3", text("new Point(1, 2).sum()"));
        assertEquals("[1, 2]", text("List.of(1, 2)"));
        assertNull(text("System.out.println(counter)"));
        assertNull(text("counter * 2;"));
    }

    @Test
    void aRedefinedDeclarationIsSeenAsRedefined() {
        text("String label() { return \"one\"; }");
        assertEquals("one", text("label()"));
        text("String label() { return \"two\"; }");
        assertEquals("two", text("label()"));
        text("int label = 3;");
        assertEquals("4", text("label + 1"));
        text("String label = \"text\";");
        assertEquals("TEXT", text("label.toUpperCase()"));
    }

    @Test
    void resultsAreBoundAsDollarNamesWithTheirType() {
        String name = lastResultName("\"abc\" + 1");
        assertEquals("ABC1", text(name + ".toUpperCase()"));
        assertEquals("4", text(name + ".length()"));
        String list = lastResultName("new java.util.ArrayList<String>(List.of(\"x\"))");
        assertNull(text(list + ".add(\"y\");"));
        assertEquals("[x, y]", text(list));
    }

    @Test
    void errorsAreJShellsAndTracebacksNameCellLines() {
        CellError compile = error("undefinedName + 1");
        assertEquals("CompilationError", compile.ename());
        assertTrue(compile.evalue().contains("undefinedName"), compile.evalue());

        text("int boom(int v) {\n  return 10 / v;\n}");
        CellError runtime = error("int zero = 0;\nboom(zero)");
        assertEquals("java.lang.ArithmeticException", runtime.ename());
        String traceback = String.join("\n", runtime.traceback());
        assertTrue(traceback.contains("boom (line 2 of cell"), traceback);
        assertTrue(traceback.contains("line 2 of this cell"), traceback);

        CellError thrown = error("if (true) {\n  throw new IllegalStateException(\"no\");\n}");
        assertEquals("java.lang.IllegalStateException", thrown.ename());
        assertTrue(
                String.join("\n", thrown.traceback()).contains("line 2 of this cell"),
                thrown.traceback().toString());
    }

    @Test
    void anUnresolvedMethodSaysWhatIsMissing() {
        text("int later() { return notYetDeclared(); }");
        CellError unresolved = error("later()");
        assertEquals("UnresolvedReference", unresolved.ename());
        assertTrue(unresolved.evalue().contains("notYetDeclared"), unresolved.evalue());
    }

    @Test
    void voidCallsAndLambdasRun() {
        text("List<Integer> seen = new java.util.ArrayList<>();");
        assertNull(text("List.of(3, 1, 2).forEach(seen::add)"));
        assertEquals("6", text("seen.stream().mapToInt(Integer::intValue).sum()"));
        assertEquals("[1, 2, 3]", text("seen.stream().sorted().toList()"));
    }

    @Test
    void anInfiniteLoopStopsOnInterruptAndTheNotebookKeepsItsState() throws Exception {
        text("int keptValue = 41;");
        long before = session.fastCells().runs();
        CellSignal.reset();
        java.util.concurrent.CompletableFuture<CellResult> running =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () ->
                                session.execute(
                                        "while (true) { dev.tunebook.kernel.jshell.CellSignal"
                                                + ".reached(); keptValue = 41; }"));
        CellSignal.await();
        session.interrupt();
        CellResult result = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("Interrupted", result.error().ename());
        assertEquals(before + 1, session.fastCells().runs(), "the loop ran as a fast cell");
        assertEquals("42", text("keptValue + 1"));
    }

    @Test
    void exitIsRefusedAndTheKernelStays() {
        CellError exit = error("if (true) { System.exit(4); }");
        assertEquals("System.exit(4) was called; the kernel keeps running", exit.evalue());
        assertEquals("2", text("1 + 1"));
    }

    @Test
    void classesAddedToTheClasspathLaterAreSeen(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path source = dir.resolve("src/later/Tool.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                "package later; public class Tool { public static int answer() { return 42; } }");
        Path classes = dir.resolve("classes");
        int rc =
                ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, rc);
        assertEquals("CompilationError", error("later.Tool.answer()").ename());
        session.addClasspath(classes);
        long before = session.fastCells().runs();
        assertEquals("42", text("later.Tool.answer()"));
        assertEquals(before + 1, session.fastCells().runs());
    }

    /** Evaluates {@code expression} and returns the $N name its value was bound to. */
    private static String lastResultName(String expression) {
        text(expression);
        for (int n = 200; n > 0; n--) {
            if (session.lookup("$" + n) != null) {
                return "$" + n;
            }
        }
        throw new AssertionError("no $N bound for " + expression);
    }
}
