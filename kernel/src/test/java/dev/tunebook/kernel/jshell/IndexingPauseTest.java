package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JShell's classpath indexer is held while cells run and until the grace time after the last one
 * has passed, and let go when the session closes.
 */
class IndexingPauseTest {
    private final Deque<Runnable> graceEnds = new ArrayDeque<>();
    private JShell shell;
    private IndexingPause pause;

    @BeforeEach
    void open() {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        shell = JShell.builder().executionEngine("local").out(discard).err(discard).build();
        pause = new IndexingPause(shell, graceEnds::add);
    }

    @AfterEach
    void close() {
        pause.close();
        shell.close();
    }

    /** JShell's own count of suspensions of its indexer; 0 lets it run. */
    private int suspensions() throws ReflectiveOperationException {
        Object analysis = shell.sourceCodeAnalysis();
        Field suspend = analysis.getClass().getDeclaredField("suspend");
        suspend.setAccessible(true);
        return suspend.getInt(analysis);
    }

    @Test
    void cellsBackToBackKeepTheIndexerWaitingUntilTheLastGraceTimeEnds() throws Exception {
        pause.cellStarts();
        assertEquals(1, suspensions());
        pause.cellEnds();
        assertEquals(1, suspensions(), "still held during the grace time");

        pause.cellStarts();
        assertEquals(1, suspensions(), "held once, however many cells run");
        graceEnds.removeFirst().run();
        assertEquals(1, suspensions(), "the first cell's grace time ended while a second ran");
        pause.cellEnds();
        graceEnds.removeFirst().run();
        assertEquals(0, suspensions());
        assertEquals(0, graceEnds.size());
    }

    @Test
    void closingLetsTheIndexerGoOnAtOnce() throws Exception {
        pause.cellStarts();
        pause.cellEnds();
        pause.close();
        assertEquals(0, suspensions());
        graceEnds.removeFirst().run();
        assertEquals(0, suspensions(), "a grace time ending after close changes nothing");
    }

    @Test
    void jshellsOwnSuspensionsAreCountedBesideOurs() throws Exception {
        pause.cellStarts();
        shell.sourceCodeAnalysis().completionSuggestions("Str", 3, new int[1]);
        assertEquals(1, suspensions(), "completion suspends and resumes by itself");
        pause.cellEnds();
        graceEnds.removeFirst().run();
        assertEquals(0, suspensions());
    }
}
