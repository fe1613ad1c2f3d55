package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompilerWarmupTest {
    private final AtomicInteger importsRead = new AtomicInteger();

    /** The default imports, counting each one the warm-up reads to compile it. */
    private final List<String> imports =
            new AbstractList<>() {
                @Override
                public String get(int index) {
                    importsRead.incrementAndGet();
                    return JShellSession.DEFAULT_IMPORTS.get(index);
                }

                @Override
                public int size() {
                    return JShellSession.DEFAULT_IMPORTS.size();
                }
            };

    @Test
    void compilesNotEvenItsImportsWhileCellsRunUntilTheSessionCloses() {
        AtomicInteger polls = new AtomicInteger();
        CompilerWarmup.run(imports, () -> true, () -> polls.incrementAndGet() > 3);
        assertEquals(0, importsRead.get());
        assertTrue(polls.get() > 3, "polled " + polls.get() + " times");
    }

    @Test
    void compilesItsImportsWhenIdleAndStopsWhenTheSessionCloses() {
        AtomicBoolean closed = new AtomicBoolean();
        CompilerWarmup.run(
                imports,
                () -> false,
                () -> {
                    if (importsRead.get() >= 2) {
                        closed.set(true);
                    }
                    return closed.get();
                });
        assertEquals(2, importsRead.get());
    }
}
