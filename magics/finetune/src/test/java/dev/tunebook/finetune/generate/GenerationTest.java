package dev.tunebook.finetune.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.Fixtures;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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

    @TestFactory
    Stream<DynamicTest> aLeftPaddedBatchDecodesLikeEachPromptAlone() throws IOException {
        List<Path> causal;
        try (Stream<Path> list = Files.list(Fixtures.dir("models"))) {
            causal =
                    list.filter(p -> Files.exists(p.resolve("generation_config.json")))
                            .sorted()
                            .collect(Collectors.toList());
        }
        return causal.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> batch(f)));
    }

    private void batch(Path folder) throws IOException {
        long[][] prompts = {{5, 6, 7, 8, 9, 10, 11}, {300}, {42, 17, 99}};
        try (CausalLanguageModel model =
                (CausalLanguageModel) LanguageModel.load(folder, Device.cpu())) {
            GenerationOptions options = GenerationOptions.greedy(6);
            long[][] together = model.generate(prompts, options);
            for (int i = 0; i < prompts.length; i++) {
                assertArrayEquals(model.generate(prompts[i], options), together[i], "row " + i);
            }
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
