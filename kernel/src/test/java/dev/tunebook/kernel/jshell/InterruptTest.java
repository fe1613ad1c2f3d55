package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.Interrupts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interrupts cells from another thread; waits generously, never asserts on timings. */
class InterruptTest {
    private static JShellSession session;

    @BeforeAll
    static void start() {
        session = JShellSession.builder().optLoadExtensions(false).build();
        session.execute("void started() { dev.tunebook.kernel.jshell.CellSignal.reached(); }");
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static CellResult interruptWhileRunning(String code) throws Exception {
        CellSignal.reset();
        CompletableFuture<CellResult> result =
                CompletableFuture.supplyAsync(() -> session.execute(code));
        CellSignal.await();
        session.interrupt();
        return result.get(60, TimeUnit.SECONDS);
    }

    private static void assertInterruptedAndAlive(CellResult result) {
        assertTrue(result.failed(), "the cell should fail");
        assertEquals("Interrupted", result.error().ename());
        assertEquals("2", session.execute("1 + 1").value().plainText());
    }

    @Test
    void interruptsAnEmptyInfiniteLoop() throws Exception {
        session.execute("int kept = 41;");
        assertInterruptedAndAlive(interruptWhileRunning("{ started();\nwhile (true) {} }"));
        assertEquals("42", session.execute("kept + 1").value().plainText());
    }

    @Test
    void interruptsASleep() throws Exception {
        assertInterruptedAndAlive(interruptWhileRunning("{ started();\nThread.sleep(100000); }"));
    }

    @Test
    void interruptsALoopThatSwallowsInterruptedException() throws Exception {
        String code =
                "{ started();\n"
                        + "while (true) {\n"
                        + "  try { Thread.sleep(10); } catch (InterruptedException e) { }\n"
                        + "} }";
        assertInterruptedAndAlive(interruptWhileRunning(code));
    }

    @Test
    void interruptsALoopInADeclaredMethod() throws Exception {
        session.execute("long spin() { long n = 0; for (;;) { n++; } }");
        assertInterruptedAndAlive(interruptWhileRunning("{ started();\nspin(); }"));
    }

    @Test
    void interruptsUninstrumentedLibraryCode() throws Exception {
        // Printing a huge number runs for many seconds inside the JDK, which has no stop checks and
        // ignores Thread.interrupt: Java 17 gets Thread.stop, Java 20+ abandons the thread.
        String code =
                "{ started();\n" + "java.math.BigInteger.ONE.shiftLeft(12_000_000).toString(); }";
        assertInterruptedAndAlive(interruptWhileRunning(code));
    }

    @Test
    void cooperativeCodeSeesTheFlagAndNextCellClearsIt() throws Exception {
        String code =
                "{ started();\n"
                        + "while (!dev.tunebook.kernel.Interrupts.requested()) {\n"
                        + "  Thread.onSpinWait();\n"
                        + "}\n"
                        + "throw new IllegalStateException(\"stopped cleanly\"); }";
        assertInterruptedAndAlive(interruptWhileRunning(code));
        assertFalse(Interrupts.requested());
    }

    @Test
    void cooperatingLibraryCodeIsLetFinishItsStepAtTheFirstInterrupt() throws Exception {
        // 2.5 s is past both the 0.5 s force and the 1.5 s abandon of uncooperative code
        CellResult result =
                interruptWhileRunning(
                        "boolean saw = dev.tunebook.kernel.jshell.CellSignal.cooperativeWork(2500);");
        assertInterruptedAndAlive(result);
        assertTrue(CellSignal.workFinished());
        assertEquals("true", session.execute("saw").value().plainText());
    }

    @Test
    void aSecondInterruptForcesCooperatingCode() throws Exception {
        CellSignal.reset();
        CompletableFuture<CellResult> result =
                CompletableFuture.supplyAsync(
                        () ->
                                session.execute(
                                        "dev.tunebook.kernel.jshell.CellSignal"
                                                + ".cooperativeWork(20_000);"));
        CellSignal.await();
        session.interrupt();
        session.interrupt();
        assertInterruptedAndAlive(result.get(60, TimeUnit.SECONDS));
        // stopped (Java 17) or abandoned (Java 20+) long before its 20 s of work were done
        assertFalse(CellSignal.workFinished());
    }

    @Test
    void interruptBetweenCellsDoesNotBreakTheNextCell() {
        session.interrupt();
        assertEquals("3", session.execute("1 + 2").value().plainText());
    }
}
