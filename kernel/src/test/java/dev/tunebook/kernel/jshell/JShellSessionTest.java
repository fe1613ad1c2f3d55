package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JShellSessionTest {
    private static JShellSession session;

    @BeforeAll
    static void start() {
        RendererRegistry renderers = new RendererRegistry();
        renderers.register(
                StringBuilder.class, sb -> new MimeBundle().text("sb").html("<b>" + sb + "</b>"));
        session = JShellSession.builder().optRenderers(renderers).build();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    static String text(CellResult result) {
        assertNull(result.error(), () -> "unexpected error: " + result.error());
        return result.value() == null ? null : result.value().plainText();
    }

    @Test
    void trailingExpressionBecomesTheValue() {
        assertEquals("2", text(session.execute("1 + 1")));
        assertEquals("hello", text(session.execute("\"hel\" + \"lo\"")));
    }

    @Test
    void declarationsAndStatementsHaveNoValue() {
        assertNull(text(session.execute("int declared = 3;")));
        assertNull(text(session.execute("declared++;")));
        assertNull(text(session.execute("System.out.println(declared)")));
        assertEquals("4", text(session.execute("declared")));
    }

    @Test
    void severalSnippetsInOneCellShareState() {
        String cell = "int a = 2;\nint b = a * 3;\nint twice(int x) { return 2 * x; }\ntwice(b)";
        assertEquals("12", text(session.execute(cell)));
    }

    @Test
    void lastSnippetWithoutSemicolonIsAccepted() {
        assertNull(text(session.execute("int noSemi = 7")));
        assertEquals("7", text(session.execute("noSemi")));
    }

    @Test
    void redefinitionReplacesTheOldDeclaration() {
        session.execute("String greet() { return \"a\"; }");
        session.execute("String greet() { return \"b\"; }");
        assertEquals("b", text(session.execute("greet()")));
        session.execute("class Box { int v = 1; }");
        session.execute("class Box { int v = 2; int w = 3; }");
        assertEquals("5", text(session.execute("new Box().v + new Box().w")));
    }

    @Test
    void valuesAreRenderedThroughTheRegistry() {
        CellResult result = session.execute("new StringBuilder(\"x\")");
        assertEquals("<b>x</b>", result.value().get("text/html"));
        assertEquals(session.renderers(), session.renderers());
    }

    @Test
    void realObjectsAreKeptNotJShellStrings() {
        session.execute("record Point(int x, int y) {}");
        assertEquals("Point[x=1, y=2]", text(session.execute("new Point(1, 2)")));
    }

    @Test
    void arraysShowTheirElements() {
        assertEquals("[1, 2]", text(session.execute("new int[] {1, 2}")));
        assertEquals(
                "[[a], [b, c]]", text(session.execute("new String[][] {{\"a\"}, {\"b\", \"c\"}}")));
    }

    @Test
    void voidExpressionHasNoValue() {
        assertNull(text(session.execute("List<String> names = new ArrayList<>();\nnames.clear()")));
    }

    @Test
    void nullValueIsRendered() {
        assertEquals("null", text(session.execute("String nothing = null;\nnothing")));
    }

    @Test
    void displayApiIsImported() {
        List<dev.tunebook.kernel.MimeBundle> shown = new java.util.ArrayList<>();
        dev.tunebook.kernel.Display.install(
                new dev.tunebook.kernel.DisplaySink() {
                    @Override
                    public void display(dev.tunebook.kernel.MimeBundle bundle, String id) {
                        shown.add(bundle);
                    }

                    @Override
                    public void update(dev.tunebook.kernel.MimeBundle bundle, String id) {}

                    @Override
                    public void clearOutput(boolean wait) {}
                },
                session.renderers());
        try {
            CellResult result = session.execute("html(\"<i>x</i>\");");
            assertFalse(result.failed(), String.valueOf(result.error()));
            assertEquals(1, shown.size());
            assertEquals("<i>x</i>", shown.get(0).get("text/html"));
        } finally {
            dev.tunebook.kernel.Display.install(null, new dev.tunebook.kernel.RendererRegistry());
        }
    }

    @Test
    void compileErrorPointsAtCellLineAndColumn() {
        CellResult result = session.execute("int ok = 1;\n\nint bad = ok + missing;");
        assertTrue(result.failed());
        assertEquals("CompilationError", result.error().ename());
        assertTrue(
                result.error().evalue().startsWith("line 3, column 16:"), result.error().evalue());
        List<String> tb = result.error().traceback();
        assertTrue(tb.contains("    int bad = ok + missing;"), tb.toString());
        assertTrue(tb.contains("                   ^"), tb.toString());
    }

    @Test
    void compileErrorInLaterSnippetOnSameLine() {
        CellResult result = session.execute("int p = 1; int q = p +* 2;");
        assertEquals("CompilationError", result.error().ename());
        assertTrue(result.error().evalue().startsWith("line 1, column "), result.error().evalue());
    }

    @Test
    void unresolvedReferenceIsAnError() {
        CellResult result = session.execute("class Child extends NoSuchParent {}");
        assertTrue(result.failed());
        assertEquals("CompilationError", result.error().ename());
        assertTrue(result.error().evalue().contains("NoSuchParent"), result.error().evalue());
    }

    @Test
    void callingAMethodWithMissingDependencyIsAnError() {
        session.execute("int usesLater() { return later(); }");
        CellResult result = session.execute("usesLater()");
        assertEquals("UnresolvedReference", result.error().ename());
        assertTrue(result.error().evalue().contains("later"), result.error().evalue());
    }

    @Test
    void runtimeErrorShowsUserFramesAsCellLines() {
        session.execute("int divide(int n) {\n  int k = 1;\n  return k / n;\n}");
        CellResult result = session.execute("int z = 0;\nint r = divide(z);");
        assertEquals("java.lang.ArithmeticException", result.error().ename());
        assertEquals("/ by zero", result.error().evalue());
        List<String> tb = result.error().traceback();
        assertEquals("java.lang.ArithmeticException: / by zero", tb.get(0));
        assertTrue(tb.get(1).matches("    at divide \\(line 3 of cell \\d+\\)"), tb.toString());
        assertEquals("    at line 2 of this cell", tb.get(2));
        assertEquals(3, tb.size(), tb.toString());
    }

    @Test
    void runtimeErrorShowsCauseChain() {
        CellResult result =
                session.execute(
                        "throw new IllegalStateException(\"outer\",\n"
                                + "    new java.io.IOException(\"inner\"));");
        List<String> tb = result.error().traceback();
        assertEquals("java.lang.IllegalStateException: outer", tb.get(0));
        assertTrue(tb.contains("Caused by: java.io.IOException: inner"), tb.toString());
        assertFalse(tb.stream().anyMatch(l -> l.contains("jdk.jshell") || l.contains("reflect")));
    }

    @Test
    void failingCellStopsAtTheFirstError() {
        CellResult result =
                session.execute("int before = 1;\nInteger.parseInt(\"x\");\nint after = 2;");
        assertEquals("java.lang.NumberFormatException", result.error().ename());
        assertTrue(session.execute("after").failed());
    }

    @Test
    void synchronousStartupHasImportsInPlace() {
        try (JShellSession eager =
                JShellSession.builder()
                        .optBackgroundStartup(false)
                        .optLoadExtensions(false)
                        .build()) {
            assertEquals("[1]", text(eager.execute("new ArrayList<>(List.of(1))")));
        }
    }

    @Test
    void emptyAndCommentOnlyCellsDoNothing() {
        assertNull(text(session.execute("")));
        assertNull(text(session.execute("  \n// only a comment\n/* and another */\n")));
    }

    @Test
    void commonJavaShapes() {
        String cell =
                "import java.time.Duration;\n"
                        + "enum Size { S, M }\n"
                        + "interface Shape { double area(); }\n"
                        + "record Sq(double s) implements Shape { public double area() { return s * s; } }\n"
                        + "<T> T first(List<T> xs) { return xs.get(0); }\n"
                        + "String block = \"\"\"\n    text\n    block\"\"\";\n"
                        + "Stream.of(new Sq(2), new Sq(3)).mapToDouble(Shape::area).sum()"
                        + " + first(List.of(1)) + Size.M.ordinal() + Duration.ofSeconds(1).toSeconds()"
                        + " + block.lines().count()";
        assertEquals("18.0", text(session.execute(cell)));
    }

    @Test
    void evaluateReturnsTheValue() {
        assertEquals("6", text(session.evaluate("2 * 3")));
    }
}
