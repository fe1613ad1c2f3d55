package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Generation stops at EOS and at the token limit, and sampling is repeatable by seed. */
class GenerationTest {
    private static final long[] PROMPT = {11, 12, 13, 14};

    @Test
    void stopsAtEosAndAtTheLimit() throws IOException {
        try (CausalLanguageModel model = tinyLlama()) {
            long[] free = model.generate(PROMPT, GenerationOptions.greedy(5));
            assertEquals(PROMPT.length + 5, free.length);
            assertArrayEquals(PROMPT, Arrays.copyOf(free, PROMPT.length));
            long eos = free[PROMPT.length + 1];
            long[] stopped =
                    model.generate(
                            PROMPT,
                            GenerationOptions.builder()
                                    .optMaxNewTokens(5)
                                    .optEosTokenIds(eos)
                                    .build());
            assertArrayEquals(Arrays.copyOf(free, PROMPT.length + 2), stopped);
            assertArrayEquals(PROMPT, model.generate(PROMPT, GenerationOptions.greedy(0)));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> model.generate(new long[0], GenerationOptions.greedy(1)));
        }
    }

    @Test
    void samplingIsRepeatableBySeed() throws IOException {
        try (CausalLanguageModel model = tinyLlama()) {
            GenerationOptions.Builder hot =
                    GenerationOptions.builder()
                            .optMaxNewTokens(12)
                            .optTemperature(3f)
                            .optTopK(200)
                            .optTopP(0.95f)
                            .optEosTokenIds();
            long[] a = model.generate(PROMPT, hot.optSeed(1).build());
            long[] b = model.generate(PROMPT, hot.optSeed(1).build());
            long[] c = model.generate(PROMPT, hot.optSeed(2).build());
            assertArrayEquals(a, b);
            assertNotEquals(Arrays.toString(a), Arrays.toString(c));
        }
    }

    @Test
    void gpt2RefusesToRunPastItsContext() throws IOException {
        try (CausalLanguageModel model =
                (CausalLanguageModel)
                        LanguageModel.load(
                                Fixtures.dir("models").resolve("tiny-gpt2"), Device.cpu())) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> model.generate(PROMPT, GenerationOptions.greedy(100)));
            assertTrue(e.getMessage().contains("context of 64"), e.getMessage());
        }
    }

    private static CausalLanguageModel tinyLlama() throws IOException {
        return (CausalLanguageModel)
                LanguageModel.load(Fixtures.dir("models").resolve("tiny-llama"), Device.cpu());
    }
}
