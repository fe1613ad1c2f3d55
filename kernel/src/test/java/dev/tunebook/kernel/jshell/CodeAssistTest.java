package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CodeAssistTest {
    private static JShellSession session;

    @BeforeAll
    static void start() {
        session = JShellSession.builder().optLoadExtensions(false).build();
        session.execute("int counterValue = 1;");
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void completesAMemberFromTheStartOfItsName() {
        Completion c = session.complete("Math.ma", 7);
        assertTrue(c.matches().contains("max("), c.matches().toString());
        assertEquals(5, c.cursorStart());
        assertEquals(7, c.cursorEnd());
    }

    @Test
    void completesInsideALaterSnippetOfTheCell() {
        String code = "int a = 1;\nSystem.out.println(counterV";
        Completion c = session.complete(code, code.length());
        assertEquals(List.of("counterValue"), c.matches());
        assertEquals(code.indexOf("counterV"), c.cursorStart());
    }

    @Test
    void completesBelowAMagicLine() {
        String code = "%env A=1\nString s = counterV";
        Completion c = session.complete(code, code.length());
        assertEquals(List.of("counterValue"), c.matches());
        assertEquals(code.indexOf("counterV"), c.cursorStart());
    }

    @Test
    void completesInTheMiddleOfACell() {
        String code = "Math.ab\nint later = 2;";
        Completion c = session.complete(code, 7);
        assertTrue(c.matches().contains("abs("), c.matches().toString());
        assertEquals(5, c.cursorStart());
        assertEquals(7, c.cursorEnd());
    }

    @Test
    void cursorOutsideTheCodeIsClamped() {
        assertEquals(5, session.complete("Math.ma", 99).cursorStart());
        assertFalse(session.inspect("", 3, 0).found());
    }

    @Test
    void completesMagicNames() {
        Completion line = session.complete("%mav", 4);
        assertEquals(List.of("maven", "mavenRepo"), line.matches());
        assertEquals(1, line.cursorStart());
        Completion cell = session.complete("%%ti", 4);
        assertEquals(List.of("time"), cell.matches());
        assertEquals(2, cell.cursorStart());
        Completion all = session.complete("int x = 1;\n%", 12);
        assertTrue(all.matches().containsAll(List.of("lsmagic", "help", "env")), all.toString());
        assertEquals(12, all.cursorStart());
    }

    @Test
    void inspectsAJavaMethod() {
        Inspection i = session.inspect("Math.max(1, 2)", 7, 0);
        assertTrue(i.found());
        assertTrue(i.data().plainText().contains("max(int"), i.data().plainText());
        assertTrue(i.data().get("text/markdown").toString().startsWith("```java\n"));
    }

    @Test
    void inspectDetailShowsEveryOverload() {
        Inspection i = session.inspect("Math.max(1, 2)", 7, 1);
        assertTrue(i.data().plainText().contains("double Math.max(double a, double b)"));
    }

    @Test
    void helpShowsJavaSignatures() {
        CellResult result = session.execute("%help Math.max");
        assertTrue(result.pager().startsWith("int Math.max(int a, int b)"), result.pager());
    }

    @Test
    void inspectsAClassName() {
        Inspection i = session.inspect("String s = null;", 2, 0);
        assertTrue(i.found());
        assertTrue(i.data().plainText().contains("java.lang.String"), i.data().plainText());
    }

    @Test
    void inspectsAMagic() {
        Inspection i = session.inspect("%maven a:b:1", 3, 0);
        assertTrue(i.found());
        assertTrue(i.data().plainText().startsWith("%maven\n\n%maven GROUP:ARTIFACT"));
    }

    @Test
    void inspectOfNothingIsNotFound() {
        assertFalse(session.inspect("   ", 1, 0).found());
        assertFalse(session.inspect("noSuchNameAnywhere", 3, 0).found());
    }

    @Test
    void completeCode() {
        assertEquals("complete", session.isComplete("int x = 1;").status());
        assertEquals("complete", session.isComplete("int x = 1").status());
        assertEquals("complete", session.isComplete("int x = 1;\nx + 1").status());
        assertEquals("complete", session.isComplete("%maven a:b:1").status());
        assertEquals("complete", session.isComplete("%%time\nfor (").status());
        assertEquals("complete", session.isComplete("").status());
    }

    @Test
    void incompleteCodeSuggestsAnIndent() {
        IsComplete open = session.isComplete("for (int i = 0; i < 3; i++) {");
        assertEquals("incomplete", open.status());
        assertEquals("    ", open.indent());
        IsComplete nested = session.isComplete("void f() {\n    if (true) {");
        assertEquals("incomplete", nested.status());
        assertEquals("        ", nested.indent());
        assertEquals("incomplete", session.isComplete("%env A=1\nint y =").status());
    }

    @Test
    void invalidCode() {
        assertEquals("invalid", session.isComplete("\"unterminated").status());
    }
}
