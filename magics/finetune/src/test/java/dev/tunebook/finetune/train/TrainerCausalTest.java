package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Causal LM fine-tuning of tiny-gpt2 and tiny-llama on chat-formatted reviews. */
class TrainerCausalTest {
    private static TrainingData chat;
    private static Tokenizer tokenizer;
    @TempDir Path home;

    @BeforeAll
    static void tokenise(@TempDir Path dir) throws IOException {
        Dataset amazon = TrainerFixtures.amazon();
        ChatPrompt prompt = TrainerFixtures.reviewPrompt();
        tokenizer = TrainerFixtures.wordTokenizer(amazon, dir);
        chat = TrainerFixtures.slice(TrainingData.of(amazon, tokenizer, prompt, 48), 16, 8, 8);
    }

    @Test
    void onlyTheAssistantReplyIsTrainedAndCutRepliesAreLeftOut() {
        // Amazon's training rows 0..15 include reviews longer than 48 tokens whose label is cut off
        assertTrue(chat.split("train").stream().allMatch(e -> e.length() <= 48));
        Example first = chat.split("train").get(0);
        long trained = 0;
        for (boolean t : first.labelMask()) {
            trained += t ? 1 : 0;
        }
        // the label word plus the end-of-turn marker pieces, never the user's review
        assertTrue(
                trained >= 1 && trained < first.length() / 2, Arrays.toString(first.labelMask()));
        assertFalse(first.labelMask()[0]);
        assertFalse(chat.isClassification());
    }

    private TrainingRun train(String model, TrainingMethod method, double lr) throws IOException {
        return train(model, method, lr, 1.0);
    }

    private TrainingRun train(String model, TrainingMethod method, double lr, double clip)
            throws IOException {
        try (LanguageModel m = TrainerFixtures.model(model)) {
            return Trainer.builder()
                    .setModel(m)
                    .setData(chat)
                    .optConfig(
                            TrainingConfig.builder()
                                    .optMethod(method)
                                    .optLr(lr)
                                    .optEpochs(6)
                                    .optBatch(8)
                                    .optSchedule(ScheduleKind.CONSTANT)
                                    .optClip(clip)
                                    .build())
                    .optRunStore(RunStore.at(home))
                    .optLiveDisplay(false)
                    .optOutput(new PrintStream(new ByteArrayOutputStream()))
                    .build()
                    .run();
        }
    }

    @Test
    void fullFineTuningOfGpt2LowersTheLossAndReportsPerplexity() throws IOException {
        TrainingRun run = train("tiny-gpt2", TrainingMethod.FULL, 1e-2);
        assertEquals(RunStatus.COMPLETED, run.status(), run.message());
        double[] fl = TrainerClassificationTest.firstAndLast(run.losses(), 2);
        assertTrue(fl[1] < fl[0] * 0.8, Arrays.toString(run.losses()));
        double loss = run.metric("val", "loss");
        assertEquals(Math.exp(loss), run.metric("val", "perplexity"), 1e-6 * Math.exp(loss));
    }

    @Test
    void loraOnLlamaLowersTheLoss() throws IOException {
        TrainingRun run = train("tiny-llama", TrainingMethod.LORA, 1e-2);
        assertEquals(RunStatus.COMPLETED, run.status(), run.message());
        double[] fl = TrainerClassificationTest.firstAndLast(run.losses(), 2);
        assertTrue(fl[1] < fl[0] - 0.2, Arrays.toString(run.losses()));
        assertTrue(run.record().trainableParams() < run.record().totalParams() / 10);
    }

    @Test
    void aDivergingRunFailsWithAMessageInsteadOfThrowing() throws IOException {
        TrainingRun run = train("tiny-gpt2", TrainingMethod.FULL, 1e30, 0);
        assertEquals(RunStatus.FAILED, run.status(), run.message());
        assertTrue(run.message().contains("diverged"), run.message());
        assertTrue(run.message().contains("lower --lr"), run.message());
        for (double loss : run.losses()) {
            assertTrue(Double.isFinite(loss), Arrays.toString(run.losses()));
        }
    }
}
