package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cells that would end or break the JVM report an error and the session keeps its state. */
class ContainmentTest {
    private static JShellSession session;

    @BeforeAll
    static void start() {
        session = JShellSession.builder().optLoadExtensions(false).build();
        session.execute("String kept = \"still here\";");
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static void assertAlive() {
        assertEquals("still here", session.execute("kept").value().plainText());
    }

    @Test
    void systemExitIsRefused() {
        CellResult result = session.execute("System.out.println(\"bye\");\nSystem.exit(1);");
        assertEquals(SystemExitError.class.getName(), result.error().ename());
        assertEquals(
                "System.exit(1) was called; the kernel keeps running", result.error().evalue());
        assertAlive();
    }

    @Test
    void runtimeExitAndHaltAreRefused() {
        CellResult exit = session.execute("Runtime.getRuntime().exit(3)");
        assertEquals("Runtime.exit(3) was called; the kernel keeps running", exit.error().evalue());
        CellResult halt = session.execute("void quit() { Runtime.getRuntime().halt(4); }\nquit();");
        assertEquals("Runtime.halt(4) was called; the kernel keeps running", halt.error().evalue());
        assertAlive();
    }

    @Test
    void stackOverflowIsAnError() {
        session.execute("int deep(int n) { return deep(n + 1) + 1; }");
        CellResult result = session.execute("deep(0)");
        assertEquals("java.lang.StackOverflowError", result.error().ename());
        assertTrue(result.error().traceback().size() < 200, "frames must be bounded");
        assertAlive();
    }

    @Test
    void outOfMemoryIsAnError() {
        CellResult result = session.execute("long[] huge = new long[Integer.MAX_VALUE - 8];");
        assertEquals("java.lang.OutOfMemoryError", result.error().ename());
        assertAlive();
    }
}
