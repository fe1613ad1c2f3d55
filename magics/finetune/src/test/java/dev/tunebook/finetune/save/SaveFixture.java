package dev.tunebook.finetune.save;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.TinyReviews;
import dev.tunebook.finetune.eval.WordTokenizer;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A base model folder (the fixtures' tiny-bert with a word-level tokenizer copied beside it), the
 * twelve tiny reviews, and a run store to train short runs into.
 */
final class SaveFixture {
    static final Path FIXTURES = Path.of(System.getProperty("tunebook.fixtures", "../fixtures"));

    final Path base;
    final Dataset data;
    final RunStore store;

    SaveFixture(Path dir) throws Exception {
        base = dir.resolve("tiny-bert");
        Files.createDirectories(base);
        Path tinyBert = FIXTURES.resolve("models/tiny-bert");
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(
                    tinyBert.resolve(file),
                    base.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        WordTokenizer.write(base).close();
        data = TinyReviews.write(dir.resolve("data"));
        store = RunStore.at(dir.resolve("home"));
    }

    /** Trains {@code name} for two epochs with {@code method} on a fresh load of the base. */
    TrainingRun train(String name, TrainingMethod method) throws IOException {
        try (LanguageModel model = LanguageModel.load(base, ai.djl.Device.cpu());
                Tokenizer tokenizer = Tokenizer.load(base)) {
            return Trainer.builder()
                    .setModel(model)
                    .setDataset(data)
                    .setTokenizer(tokenizer)
                    .optConfig(
                            TrainingConfig.builder()
                                    .optMethod(method)
                                    .optLr(1e-2)
                                    .optEpochs(2)
                                    .optBatch(4)
                                    .optRank(4)
                                    .optSeed(5)
                                    .optName(name)
                                    .build())
                    .optRunStore(store)
                    .optLiveDisplay(false)
                    .optOutput(new PrintStream(new ByteArrayOutputStream()))
                    .optModelName("tiny-bert")
                    .optModelSource(base.toString())
                    .build()
                    .run();
        }
    }
}
