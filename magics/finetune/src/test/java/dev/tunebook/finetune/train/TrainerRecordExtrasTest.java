package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.prompt.PromptSpec;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a fine-tune's record says beside its metrics: the final evaluation's time kept apart from
 * the training time, and a prompt in another format than the model's own chat template.
 */
class TrainerRecordExtrasTest {
    private static TrainingData chat;
    @TempDir Path home;

    @BeforeAll
    static void tokenise(@TempDir Path dir) throws IOException {
        Dataset amazon = TrainerFixtures.amazon();
        Tokenizer tokenizer = TrainerFixtures.wordTokenizer(amazon, dir);
        chat =
                TrainerFixtures.slice(
                        TrainingData.of(amazon, tokenizer, TrainerFixtures.reviewPrompt(), 48),
                        16,
                        8,
                        8);
    }

    private RunRecord train(
            ChatPrompt prompt, Path modelFolder, TrainingListener listener, PrintStream out)
            throws IOException {
        return train(TrainingMethod.FULL, prompt, modelFolder, listener, out);
    }

    private RunRecord train(
            TrainingMethod method,
            ChatPrompt prompt,
            Path modelFolder,
            TrainingListener listener,
            PrintStream out)
            throws IOException {
        try (LanguageModel m = TrainerFixtures.model("tiny-gpt2")) {
            Trainer.Builder b =
                    Trainer.builder()
                            .setModel(m)
                            .setData(chat)
                            .optConfig(
                                    TrainingConfig.builder()
                                            .optMethod(method)
                                            .optEpochs(1)
                                            .optBatch(8)
                                            .optLr(1e-3)
                                            .build())
                            .optRunStore(RunStore.at(home))
                            .optLiveDisplay(false)
                            .optListener(listener)
                            .optOutput(out);
            if (prompt != null) {
                b.optPrompt(prompt).optModelFolder(modelFolder);
            }
            TrainingRun run = b.build().run();
            assertEquals(RunStatus.COMPLETED, run.status(), run.message());
            return RunStore.at(home).require(run.record().id());
        }
    }

    @Test
    void theFinalEvaluationIsTimedApartFromTrainingAndShowsItsProgress() throws IOException {
        List<Double> stepTimes = new ArrayList<>();
        List<Double> evalTimes = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void afterStep(StepResult result) {}

                    @Override
                    public void onProgress(TrainingProgress progress) {
                        stepTimes.add(progress.elapsedSeconds());
                        evalTimes.clear(); // keep only evaluations after the last step
                    }

                    @Override
                    public void onEvaluation(TrainingProgress progress) {
                        evalTimes.add(progress.elapsedSeconds());
                    }
                };
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunRecord record =
                train(null, null, listener, new PrintStream(printed, true, StandardCharsets.UTF_8));
        double train = record.trainSeconds();
        double eval = ((Number) record.extra().get("eval_seconds")).doubleValue();
        double lastStep = stepTimes.get(stepTimes.size() - 1);
        assertFalse(evalTimes.isEmpty(), "the final evaluation reported no batches");
        assertTrue(train >= lastStep, train + " s < last step at " + lastStep + " s");
        assertTrue(train <= evalTimes.get(0), train + " s counts the final evaluation");
        assertTrue(eval > 0);
        assertTrue(
                train + eval >= evalTimes.get(evalTimes.size() - 1) - 1e-3,
                train + " + " + eval + " s end before the last evaluated batch");
        String text = printed.toString(StandardCharsets.UTF_8);
        for (String split : List.of("train", "val", "test")) {
            assertTrue(text.contains("final evaluation: " + split + " 1/1 batches"), text);
        }
    }

    @Test
    void aLlama2PromptOnAChatmlModelWarnsAndIsRecorded() throws IOException {
        Path qwen3 =
                Path.of(System.getProperty("tunebook.fixtures", "../fixtures"))
                        .resolve("tokenizers/qwen3");
        ChatPrompt llama2 =
                new ChatPrompt(
                        PromptSpec.parse("user: Review: {text}\nassistant: {label}"),
                        PromptFormat.builder()
                                .setTemplate(ChatTemplateLibrary.builtin("llama2"))
                                .optSpecialTokensFrom(qwen3)
                                .build());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunRecord record =
                train(
                        llama2,
                        qwen3,
                        r -> {},
                        new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("warning: this prompt uses chat template 'llama2'"), text);
        @SuppressWarnings("unchecked")
        Map<String, Object> mismatch =
                (Map<String, Object>) record.extra().get("prompt_format_mismatch");
        assertNotNull(mismatch, record.extra().toString());
        assertTrue(mismatch.get("message").toString().contains("[INST]"), mismatch.toString());
        assertTrue(mismatch.get("prompt_format").toString().contains("<|im_end|>"));
    }

    @Test
    void theModelsOwnFormatRecordsNoMismatch() throws IOException {
        Path qwen3 =
                Path.of(System.getProperty("tunebook.fixtures", "../fixtures"))
                        .resolve("tokenizers/qwen3");
        ChatPrompt own =
                new ChatPrompt(
                        PromptSpec.parse("user: Review: {text}\nassistant: {label}"),
                        PromptFormat.forModel(qwen3));
        RunRecord record = train(own, qwen3, r -> {}, new PrintStream(new ByteArrayOutputStream()));
        assertFalse(
                record.extra().containsKey("prompt_format_mismatch"), record.extra().toString());
    }

    @Test
    void everyFineTuneMeasuresItsOwnInferenceAndLoraBothForms() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        RunRecord full = train(TrainingMethod.FULL, null, null, r -> {}, quiet);
        assertNotNull(full.inference(), "a full fine-tune has no inference figures");
        assertTrue(full.inference().throughputPerSecond() > 0);
        assertTrue(full.inference().latencyMsP95() >= full.inference().latencyMsP50());
        assertNotNull(full.inference().tokensPerExample());
        RunRecord lora = train(TrainingMethod.LORA, null, null, r -> {}, quiet);
        var figures = lora.inference();
        assertNotNull(figures.merged(), "LoRA: no merged figures");
        assertNotNull(figures.unmerged(), "LoRA: no unmerged figures");
        assertEquals(figures.merged().latencyMsP50(), figures.latencyMsP50());
        assertTrue(figures.unmerged().modelBytes() < figures.merged().modelBytes());
        assertEquals(full.inference().modelBytes(), figures.merged().modelBytes());
    }
}
