package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.Fixtures;
import dev.tunebook.finetune.model.LanguageModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadMemoryCheckTest {
    private static final long GIB = 1L << 30;

    @Test
    void mistral7bDoesNotFitTwentyGibAndSaysWhatWould() {
        // Mistral-7B-v0.1: 7,241,732,096 parameters, 29 GB as float32
        LoadMemoryCheck check = LoadMemoryCheck.of(7_241_732_096L, 20 * GIB, "cpu");
        assertFalse(check.fits());
        String why = check.refusal();
        assertTrue(why.contains("7.24 B parameters need 28.3 GiB as float32"), why);
        assertTrue(why.contains("cpu has 20.0 GiB available"), why);
        assertTrue(why.contains("up to about 5.11 B parameters"), why);
        NotEnoughMemoryException e =
                assertThrows(NotEnoughMemoryException.class, () -> check.require(Path.of("m")));
        assertTrue(e.getMessage().startsWith("m: not loaded"), e.getMessage());
    }

    @Test
    void qwenHalfBillionFitsAndUnknownMemoryNeverRefuses() {
        assertTrue(LoadMemoryCheck.of(494_032_768L, 20 * GIB, "cpu").fits());
        assertTrue(LoadMemoryCheck.of(7_241_732_096L, -1, "cpu").fits());
        LoadMemoryCheck edge = LoadMemoryCheck.of(1_000_000_000L, 0, "cpu");
        assertEquals(4_200_000_000L, edge.needed());
        assertFalse(edge.fits());
    }

    @Test
    void countsParametersFromTheHeadersAlone() throws Exception {
        Path folder = Fixtures.dir("models/tiny-llama");
        LoadMemoryCheck check = LoadMemoryCheck.of(folder, Device.cpu());
        try (LanguageModel model = LanguageModel.load(folder, Device.cpu())) {
            long loaded =
                    model.weights().values().stream().mapToLong(a -> a.getShape().size()).sum();
            assertEquals(loaded, check.parameters());
        }
        assertTrue(check.fits(), check.toString());
    }
}
