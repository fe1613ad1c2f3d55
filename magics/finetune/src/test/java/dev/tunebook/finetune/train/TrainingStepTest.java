package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.data.Collator;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingStepTest {
    private static final Path GPT2 =
            Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"))
                    .resolve("models/tiny-gpt2");

    private static Batch batch() {
        return Collator.builder()
                .setPadId(0)
                .build()
                .collate(
                        List.of(
                                Example.causal(
                                        new int[] {5, 17, 300, 2, 9, 41},
                                        new boolean[] {false, false, true, true, true, true}),
                                Example.causal(new int[] {7, 7, 12})));
    }

    private static StepResult[] train(boolean accumulate, int steps) throws IOException {
        try (LanguageModel model = LanguageModel.load(GPT2, Device.cpu());
                AdamW adam = AdamW.builder().build()) {
            TrainingStep step =
                    TrainingStep.builder()
                            .setModel(model)
                            .setOptimizer(adam)
                            .setSchedule(LearningRateSchedule.linear(1e-2, 1, steps))
                            .optMaxGradNorm(1.0)
                            .build();
            StepResult[] results = new StepResult[steps];
            for (int s = 0; s < steps; s++) {
                results[s] = accumulate ? step.run(List.of(batch(), batch())) : step.run(batch());
            }
            return results;
        }
    }

    @Test
    void accumulatingTheSameBatchTwiceEqualsOneStepOnIt() throws IOException {
        StepResult[] single = train(false, 3);
        StepResult[] accumulated = train(true, 3);
        for (int s = 0; s < 3; s++) {
            assertEquals(single[s].loss(), accumulated[s].loss(), 1e-5 * single[s].loss());
            assertEquals(single[s].gradientNorm(), accumulated[s].gradientNorm(), 1e-5);
            assertEquals(s, single[s].step());
            assertEquals(9, single[s].tokens());
            assertEquals(18, accumulated[s].tokens());
        }
        assertEquals(0.0, single[0].learningRate());
        assertTrue(single[2].loss() < single[1].loss(), "training lowers the loss");
    }
}
