package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
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
    void exitThroughAMethodReferenceIsRefused() {
        CellResult result =
                session.execute(
                        "java.util.function.IntConsumer quit = System::exit;\nquit.accept(2);");
        assertEquals(
                "System.exit(2) was called; the kernel keeps running", result.error().evalue());
        CellResult bound =
                session.execute(
                        "java.util.function.IntConsumer halt = Runtime.getRuntime()::halt;\n"
                                + "halt.accept(5);");
        assertEquals(
                "Runtime.halt(5) was called; the kernel keeps running", bound.error().evalue());
        assertAlive();
    }

    @Test
    void aCellCannotUseTheKernelsOwnExit() {
        CellResult result = session.execute("dev.tunebook.kernel.jshell.KernelExit.exit(6);");
        assertEquals(
                "System.exit(6) was called; the kernel keeps running", result.error().evalue());
        assertAlive();
    }

    @Test
    void reflectionWrappersAroundARefusedExitAreSeenThrough() {
        SystemExitError exit = new SystemExitError("Runtime.exit", 3);
        assertSame(exit, SystemExitError.reachedThrough(exit));
        assertSame(
                exit,
                SystemExitError.reachedThrough(
                        new InvocationTargetException(new InvocationTargetException(exit))));
        assertNull(
                SystemExitError.reachedThrough(
                        new InvocationTargetException(new IllegalStateException(exit))));
        assertNull(SystemExitError.reachedThrough(null));
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
        // More than the heap, in rows below the array size limit, so it fails at once.
        CellResult result =
                session.execute(
                        "long words = Runtime.getRuntime().maxMemory() / 8 + 1;\n"
                                + "int rows = (int) (words / (Integer.MAX_VALUE - 8)) + 1;\n"
                                + "long[][] huge = new long[rows][(int) Math.min(words, Integer.MAX_VALUE - 8)];");
        assertEquals("java.lang.OutOfMemoryError", result.error().ename());
        assertAlive();
    }
}
