package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultVariablesTest {
    @Test
    void onlyTheLatestResultsStayReachableAndOlderOnesGetAHint() {
        try (JShellSession session = JShellSession.builder().build()) {
            assertEquals("first", JShellSessionTest.text(session.execute("\"first\"")));
            int total = ResultVariables.DEFAULT_KEEP + 5;
            for (int i = 2; i <= total; i++) {
                assertEquals(String.valueOf(i), JShellSessionTest.text(session.execute(i + "")));
            }
            assertEquals(
                    String.valueOf(total + 1),
                    JShellSessionTest.text(session.execute("$" + total + " + 1")));
            int oldestKept = total + 1 - ResultVariables.DEFAULT_KEEP + 1;
            assertEquals(
                    String.valueOf(oldestKept),
                    JShellSessionTest.text(session.execute("$" + oldestKept)));

            CellResult gone = session.execute("$1.length()");
            assertNotNull(gone.error());
            assertEquals("CompilationError", gone.error().ename());
            String hint = gone.error().traceback().get(gone.error().traceback().size() - 1);
            assertTrue(hint.startsWith("hint: $1 was an earlier expression's result"), hint);
            assertTrue(hint.contains("-Dtunebook.keepResults"), hint);

            CellResult neverExisted = session.execute("$999");
            assertTrue(
                    neverExisted.error().traceback().stream().noneMatch(l -> l.startsWith("hint")),
                    () -> neverExisted.error().traceback().toString());
        }
    }
}
