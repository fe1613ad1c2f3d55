package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors name what the user wrote, never JShell's wrapper classes ({@code REPL.$JShell$33}). */
class ReadableErrorsTest {
    private static JShellSession session;

    @BeforeAll
    static void start() {
        session = JShellSession.builder().optLoadExtensions(false).optWarmup(false).build();
        ok("Object nothing = null;");
        ok("class Box { String label; int size() { return label.length(); } class Lid {} }");
        ok("class BadInput extends RuntimeException { BadInput(String m) { super(m); } }");
        ok("void check(Object o) { throw new BadInput(\"rejected \" + o); }");
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void nullPointerMessagesNameNotebookVariables() {
        CellError error = failed("int x = 1;\nString t = nothing.toString();");
        assertEquals("java.lang.NullPointerException", error.ename());
        assertEquals(
                "Cannot invoke \"Object.toString()\" because \"nothing\" is null", error.evalue());
        assertEquals(
                List.of(
                        "java.lang.NullPointerException: " + error.evalue(),
                        "    at line 2 of this cell"),
                error.traceback());
    }

    @Test
    void nullPointerMessagesNameLocalVariablesOfCellsAndLambdas() {
        CellError loop =
                failed("for (int i = 0; i < 1; i++) {\n  String word = null;\n  word.length();\n}");
        assertEquals("Cannot invoke \"String.length()\" because \"word\" is null", loop.evalue());
        CellError lambda = failed("List.of(1).forEach(i -> { Object q = null; q.hashCode(); });");
        assertEquals("Cannot invoke \"Object.hashCode()\" because \"q\" is null", lambda.evalue());
        assertEquals("    at lambda (line 1 of this cell)", lambda.traceback().get(1));
    }

    @Test
    void classCastMessagesNameTheUsersClasses() {
        CellError error = failed("Object lid = new Box().new Lid();\nString s = (String) lid;");
        assertEquals("java.lang.ClassCastException", error.ename());
        assertTrue(
                error.evalue().startsWith("class Box$Lid cannot be cast to class java.lang.String"),
                error.evalue());
        assertClean(error);
    }

    @Test
    void userExceptionsAndTheirCausesShowTheirOwnNames() {
        CellError error = failed("throw new RuntimeException(\"outer\", new BadInput(\"inner\"));");
        assertTrue(
                error.traceback().contains("Caused by: BadInput: inner"),
                error.traceback().toString());
        CellError direct = failed("check(new Box())");
        assertEquals("BadInput", direct.ename());
        assertTrue(direct.evalue().startsWith("rejected Box@"), direct.evalue());
        assertEquals("    at check (line 1 of cell 4)", direct.traceback().get(1));
        assertClean(direct);
    }

    @Test
    void compileErrorsNameTheUsersClasses() {
        CellError error = failed("String s = new Box();");
        assertEquals(
                "line 1, column 12: incompatible types: Box cannot be converted to java.lang.String",
                error.evalue());
        assertClean(error);
    }

    @Test
    void valuesShowTheClassNamesTheUserWrote() {
        CellResult one = session.execute("new Box()");
        assertFalse(one.failed(), () -> String.valueOf(one.error()));
        assertTrue(one.value().plainText().startsWith("Box@"), one.value().plainText());
        CellResult array = session.execute("new Box[] {new Box()}");
        assertTrue(array.value().plainText().startsWith("[Box@"), array.value().plainText());
    }

    private static void assertClean(CellError error) {
        String all = error.ename() + error.evalue() + String.join("\n", error.traceback());
        assertFalse(all.contains("$JShell$") || all.contains("REPL."), all);
    }

    private static void ok(String code) {
        CellResult result = session.execute(code);
        assertFalse(result.failed(), () -> String.valueOf(result.error()));
    }

    private static CellError failed(String code) {
        CellResult result = session.execute(code);
        assertTrue(result.failed(), code);
        return result.error();
    }
}
