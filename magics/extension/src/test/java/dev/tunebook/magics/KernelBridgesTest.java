package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.train.TrainingDisplay;
import dev.tunebook.kernel.Interrupts;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With the extension on the classpath, library code that is given no token polls Jupyter's
 * interrupt and shows training through the kernel's display: both are found as services.
 */
class KernelBridgesTest {
    @AfterEach
    void clear() {
        Interrupts.clear();
    }

    @Test
    void theAmbientTokenIsJupytersInterrupt() {
        Cancellation token = Cancellation.current();
        assertInstanceOf(KernelCancellation.class, token);
        assertFalse(token.isCancelled());
        Interrupts.request();
        assertTrue(token.isCancelled());
        CancellationException e =
                assertThrows(CancellationException.class, token::throwIfCancelled);
        assertTrue(e.getMessage().contains("interrupted by the user"), e.getMessage());
    }

    @Test
    void enteringTheTokenTellsTheKernelThatTheThreadPolls() {
        Thread self = Thread.currentThread();
        try (Cancellation.Scope polling = new KernelCancellation().enter()) {
            assertTrue(Interrupts.cooperating(self));
        }
        assertFalse(Interrupts.cooperating(self));
    }

    @Test
    void trainingIsShownByTheKernelsDisplay() {
        TrainingDisplay display = TrainingDisplay.host().orElseThrow();
        assertInstanceOf(NotebookTrainingDisplay.class, display);
        assertFalse(display.live(), "no front end watches in a test");
        assertInstanceOf(LiveTrainingView.class, display.open());
    }
}
