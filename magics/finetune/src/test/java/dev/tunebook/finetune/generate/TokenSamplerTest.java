package dev.tunebook.finetune.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
    private static final float[] LOGITS = {1f, 3f, 2.5f, -1f, 2.9f};

    @Test
    void greedyPicksTheFirstMaximum() {
        TokenSampler sampler = new TokenSampler(GenerationOptions.greedy(1));
        assertEquals(1, sampler.next(LOGITS));
        assertEquals(0, TokenSampler.argMax(new float[] {2f, 2f, 1f}));
    }

    @Test
    void topKOfOneIsGreedy() {
        GenerationOptions options =
                GenerationOptions.builder().optTemperature(5f).optTopK(1).optSeed(3).build();
        TokenSampler sampler = new TokenSampler(options);
        for (int i = 0; i < 50; i++) {
            assertEquals(1, sampler.next(LOGITS));
        }
    }

    @Test
    void topKRestrictsTheCandidates() {
        GenerationOptions options =
                GenerationOptions.builder().optTemperature(10f).optTopK(2).build();
        TokenSampler sampler = new TokenSampler(options);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(sampler.next(LOGITS));
        }
        assertEquals(Set.of(1, 4), seen);
    }

    @Test
    void smallTopPKeepsOnlyTheMostLikely() {
        GenerationOptions options =
                GenerationOptions.builder().optTemperature(1f).optTopP(0.01f).build();
        TokenSampler sampler = new TokenSampler(options);
        for (int i = 0; i < 50; i++) {
            assertEquals(1, sampler.next(LOGITS));
        }
    }

    @Test
    void sameSeedSameDraws() {
        GenerationOptions options =
                GenerationOptions.builder().optTemperature(2f).optSeed(7).build();
        TokenSampler a = new TokenSampler(options);
        TokenSampler b = new TokenSampler(options);
        StringBuilder drawsA = new StringBuilder();
        StringBuilder drawsB = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            drawsA.append(a.next(LOGITS));
            drawsB.append(b.next(LOGITS));
        }
        assertEquals(drawsA.toString(), drawsB.toString());
        assertTrue(drawsA.chars().distinct().count() > 2, "high temperature spreads the draws");
        TokenSampler other =
                new TokenSampler(GenerationOptions.builder().optTemperature(2f).optSeed(8).build());
        StringBuilder drawsC = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            drawsC.append(other.next(LOGITS));
        }
        assertNotEquals(drawsA.toString(), drawsC.toString());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GenerationOptions.builder().optTopP(0f));
        assertThrows(
                IllegalArgumentException.class,
                () -> GenerationOptions.builder().optTemperature(-1f));
        assertThrows(
                IllegalArgumentException.class,
                () -> GenerationOptions.builder().optMaxNewTokens(-1));
    }
}
