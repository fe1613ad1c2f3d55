package dev.tunebook.finetune.tuned;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.TinyReviews;
import dev.tunebook.finetune.eval.WordTokenizer;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small real fine-tunes for tests: tiny-bert copied into a folder with a word-level tokenizer, so
 * that it loads from a source like any model ({@link LoadedModel#load}), trained on {@link
 * TinyReviews} (8 training rows) in a few steps.
 */
public final class TinyFineTunes {
    private TinyFineTunes() {}

    /** Writes tiny-bert with a {@code tokenizer.json} into {@code dir}; returns the folder. */
    public static Path baseModel(Path dir) throws IOException {
        Path folder = dir.resolve("tiny-bert");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            Path fixture = TestModels.fixtures("models/tiny-bert");
            for (String file : new String[] {"config.json", "model.safetensors"}) {
                Files.copy(fixture.resolve(file), folder.resolve(file));
            }
            WordTokenizer.write(folder).close();
        }
        return folder;
    }

    /** Loads the base model of {@link #baseModel} on the CPU. */
    public static LoadedModel load(Path folder) throws IOException {
        return LoadedModel.load(folder.toString(), "cpu", "float32", DownloadProgress.NONE);
    }

    /**
     * Fine-tunes {@code base} (loaded from {@code folder}) on {@code data} with {@code method} for
     * two epochs of batches of 4, as run {@code name} in {@code store}.
     */
    public static TrainingRun train(
            LoadedModel base,
            Path folder,
            Dataset data,
            TrainingMethod method,
            String name,
            RunStore store)
            throws IOException {
        return train(base, folder, data, method, name, store, null);
    }

    /**
     * As {@link #train(LoadedModel, Path, Dataset, TrainingMethod, String, RunStore)}, on a model
     * that run {@code baseRun} already trained in place.
     */
    public static TrainingRun train(
            LoadedModel base,
            Path folder,
            Dataset data,
            TrainingMethod method,
            String name,
            RunStore store,
            String baseRun)
            throws IOException {
        return Trainer.builder()
                .optBaseRun(baseRun)
                .setModel(base.model())
                .setDataset(data)
                .setTokenizer(base.tokenizer())
                .optModelSource(folder.toString())
                .optConfig(
                        TrainingConfig.builder()
                                .optMethod(method)
                                .optLr(method == TrainingMethod.FULL ? 1e-3 : 1e-2)
                                .optEpochs(2)
                                .optBatch(4)
                                .optMaxLength(16)
                                .optName(name)
                                .build())
                .optRunStore(store)
                .optLiveDisplay(false)
                .optOutput(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .build()
                .run();
    }
}
