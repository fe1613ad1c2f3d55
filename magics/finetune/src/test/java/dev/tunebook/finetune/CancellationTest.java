package dev.tunebook.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CancellationTest {
    @Test
    void withoutAHostTheAmbientTokenIsNeverCancelled() {
        assertSame(Cancellation.NONE, Cancellation.ambient());
        assertSame(Cancellation.NONE, Cancellation.current());
        Cancellation.current().throwIfCancelled();
    }

    @Test
    void enteredTokensNestPerThreadAndCooperateWhileEntered() throws Exception {
        List<String> host = new ArrayList<>();
        CancellationSource outer = new CancellationSource();
        Cancellation inner =
                new Cancellation() {
                    @Override
                    public boolean isCancelled() {
                        return false;
                    }

                    @Override
                    public Scope cooperate() {
                        host.add("cooperating");
                        return () -> host.add("done");
                    }
                };
        try (Cancellation.Scope a = outer.enter()) {
            assertSame(outer, Cancellation.current());
            try (Cancellation.Scope b = inner.enter()) {
                assertSame(inner, Cancellation.current());
                assertSame(
                        Cancellation.NONE,
                        CompletableFuture.supplyAsync(Cancellation::current).get(),
                        "another thread has its own tokens");
            }
            assertEquals(List.of("cooperating", "done"), host);
            assertSame(outer, Cancellation.current());
        }
        assertSame(Cancellation.NONE, Cancellation.current());
    }

    @Test
    void aCancelledSourceThrowsWhereItIsPolled() {
        CancellationSource source = new CancellationSource();
        assertFalse(source.isCancelled());
        source.throwIfCancelled();
        source.cancel();
        assertTrue(source.isCancelled());
        try (Cancellation.Scope scope = source.enter()) {
            assertThrows(
                    CancellationException.class, () -> Cancellation.current().throwIfCancelled());
        }
    }
}
