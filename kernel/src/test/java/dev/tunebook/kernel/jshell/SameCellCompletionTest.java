package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Completion and inspection see what a cell declares before the cursor, before the cell runs. */
class SameCellCompletionTest {
    private static JShellSession session;

    @BeforeAll
    static void start() {
        session = JShellSession.builder().optLoadExtensions(false).optWarmup(false).build();
        session.execute("int sessionCount = 3;");
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void completesAVariableDeclaredEarlierOnTheSameLine() {
        String code = "var words = List.of(\"a\"); wor";
        Completion c = complete(code);
        assertEquals(List.of("words"), c.matches());
        assertEquals(code.lastIndexOf("wor"), c.cursorStart());
        assertEquals(code.length(), c.cursorEnd());
    }

    @Test
    void completesMembersOfAVariableDeclaredOnAnEarlierLine() {
        String code = "String s = \"x\";\ns.len";
        Completion c = complete(code);
        assertEquals(List.of("length()"), c.matches());
        assertEquals(code.length() - 3, c.cursorStart());
    }

    @Test
    void seesMethodsClassesAndDeclarationsThatUseEachOther() {
        String code =
                "record Pt(int xx, int yy) {}\n"
                        + "int twiceOf(int v) { return 2 * v; }\n"
                        + "var points = List.of(new Pt(1, 2));\n"
                        + "var first = points.get(0);\n"
                        + "System.out.println(first);\n"
                        + "twiceOf(first.x";
        assertTrue(complete(code).matches().contains("xx()"), complete(code).toString());
        assertTrue(
                complete("int twiceOf(int v) { return v; }\ntwiceO")
                        .matches()
                        .contains("twiceOf("));
        assertTrue(
                complete("int a, b = 2;\nString t = \"\" + sessionC")
                        .matches()
                        .contains("sessionCount"));
    }

    @Test
    void completesInsideAMethodBeingWrittenAfterEarlierDeclarations() {
        String code = "record Pt(int xx) {}\nint f(Pt p) {\n    return p.x";
        assertTrue(complete(code).matches().contains("xx()"), complete(code).toString());
    }

    @Test
    void completesImportsAfterDeclarations() {
        String code = "int n = 1;\nimport java.util.concurr";
        assertTrue(complete(code).matches().contains("concurrent."), complete(code).toString());
    }

    @Test
    void nothingInTheCellIsRunOrDefined() {
        String code = "var flag = System.setProperty(\"tunebook.completion.ran\", \"yes\");\nfla";
        assertEquals(List.of("flag"), complete(code).matches());
        assertNull(System.getProperty("tunebook.completion.ran"));
        assertNull(session.lookup("flag"));
        assertTrue(session.execute("flag").failed());
    }

    @Test
    void inspectsAMethodOfAVariableDeclaredEarlierInTheCell() {
        String code = "var words = new ArrayList<String>();\nwords.ensureCapacity(4)";
        Inspection i = session.inspect(code, code.indexOf("ensureCapacity") + 3, 0);
        assertTrue(i.found());
        assertTrue(i.data().plainText().contains("ensureCapacity(int"), i.data().plainText());
    }

    @Test
    void laterSnippetsAndBrokenEarlierOnesDoNotMatter() {
        String code = "int broken = ;\nString s = \"x\";\ns.len\nint later = 2;";
        Completion c = session.complete(code, code.indexOf("s.len") + 5);
        assertEquals(List.of("length()"), c.matches());
        assertFalse(complete("Math.ab").matches().isEmpty());
    }

    private static Completion complete(String code) {
        return session.complete(code, code.length());
    }
}
