package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A training run whose every step takes two seconds of busy work after the real one, as a step of a
 * large model does, called from a notebook cell by {@link FinetuneInterruptTest}. Public because
 * cell code must reach it.
 */
public final class SlowTraining {
    /** Counts down when the first slow step begins. */
    public static volatile CountDownLatch stepping = new CountDownLatch(1);

    private SlowTraining() {}

    /**
     * Trains {@code model} full on {@code dataset}, run name {@code slow}, in store {@code home}.
     */
    public static TrainingRun run(
            LanguageModel model, Dataset dataset, Tokenizer tokenizer, Path home)
            throws IOException {
        return Trainer.builder()
                .setModel(model)
                .setDataset(dataset)
                .setTokenizer(tokenizer)
                .optConfig(
                        TrainingConfig.builder()
                                .optMethod(TrainingMethod.FULL)
                                .optEpochs(50)
                                .optBatch(8)
                                .optMaxLength(32)
                                .optName("slow")
                                .build())
                .optRunStore(RunStore.at(home))
                .optLiveDisplay(false)
                .optListener(
                        step -> {
                            stepping.countDown();
                            long end = System.nanoTime() + 2_000_000_000L;
                            while (System.nanoTime() < end) {
                                Thread.onSpinWait(); // native work ignores interrupts too
                            }
                        })
                .build()
                .run();
    }
}
