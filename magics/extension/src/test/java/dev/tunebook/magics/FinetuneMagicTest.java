package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %%finetune} over notebook variables: tiny-bert, the UCI Amazon reviews, a tokenizer. */
class FinetuneMagicTest {
    @TempDir Path dir;

    @Test
    void usageListsEveryOption() {
        for (String option :
                List.of(
                        "--model",
                        "--data",
                        "--prompt",
                        "--method full|lora|head",
                        "--epochs",
                        "--lr",
                        "--batch",
                        "--accumulate",
                        "--max-length",
                        "--rank",
                        "--alpha",
                        "--dropout",
                        "--targets",
                        "--schedule constant|linear|cosine",
                        "--warmup",
                        "--clip",
                        "--eval-every",
                        "--early-stop",
                        "--seed",
                        "--device auto|cpu|gpu",
                        "--name",
                        "--resume")) {
            assertTrue(FinetuneMagic.USAGE.contains(option), option);
        }
        assertEquals("finetune", FinetuneMagic.spec().name());
    }

    @Test
    void trainsTheNotebookModelAndBindsTheRun() throws Exception {
        Path fixtures =
                Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        Path uci =
                Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                        .resolve("uci-sentiment");
        Dataset amazon =
                DatasetLoader.builder()
                        .setSource(uci.resolve("amazon.jsonl"))
                        .optSplitFile(uci.resolve("splits.json"))
                        .build()
                        .load();
        Notebook notebook = new Notebook(dir);
        try (LanguageModel model =
                        LanguageModel.load(fixtures.resolve("models/tiny-bert"), Device.cpu());
                Tokenizer tokenizer = Tokenizer.load(wordLevelTokenizer())) {
            notebook.variables.put("bert", model);
            notebook.variables.put("dataset", amazon);
            notebook.variables.put("tokenizer", tokenizer);
            Object shown =
                    new FinetuneMagic()
                            .run(
                                    "--model bert --method head --epochs 1",
                                    "lr: 1e-2\nbatch: 32\nmax_length: 32\nname: probe\n",
                                    notebook);
            TrainingRun run = assertInstanceOf(TrainingRun.class, notebook.variables.get("run"));
            assertEquals(shown, run);
            assertEquals(RunStatus.COMPLETED, run.status(), run.message());
            assertEquals(25, run.losses().length); // 800 rows / 32
            assertEquals(run.id(), RunStore.at(dir.resolve(".tunebook")).require("probe").id());
            assertTrue(run.metric("test", "accuracy") >= 0);
            assertTrue(TrainingViews.bundle(run).pngBytes().length > 0);
        }
    }

    @Test
    void aRunStoreInVariableRunsIsTheStoreOfEveryMagic() {
        Notebook notebook = new Notebook(dir);
        RunStore elsewhere = RunStore.at(dir.resolve("elsewhere"));
        notebook.variables.put("runs", elsewhere);
        assertSame(elsewhere, NotebookVariables.runStore(notebook));
    }

    @Test
    void badOptionsAndMissingVariablesAreUsageErrors() {
        Notebook notebook = new Notebook(dir);
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new FinetuneMagic().run("--lr fast", null, notebook));
        assertTrue(e.getMessage().startsWith("lr: 'fast' is not a number"), e.getMessage());
        e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new FinetuneMagic().run("--epochs 1", null, notebook));
        assertEquals("no notebook variable 'model'", e.getMessage());
    }

    /** A word-level tokenizer with ids under tiny-bert's vocabulary of 1000. */
    private Path wordLevelTokenizer() throws Exception {
        return wordLevelTokenizer(dir);
    }

    /**
     * Writes a word-level tokenizer with ids under tiny-bert's vocabulary of 1000 into {@code dir}.
     */
    static Path wordLevelTokenizer(Path dir) throws Exception {
        StringBuilder vocab = new StringBuilder("\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3");
        String[] words = {"great", "good", "bad", "not", "the", "it", "phone", "works", "poor"};
        for (int i = 0; i < words.length; i++) {
            vocab.append(",\"").append(words[i]).append("\":").append(4 + i);
        }
        String json =
                "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
                        + "\"normalizer\":{\"type\":\"Lowercase\"},"
                        + "\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
                        + "\"post_processor\":{\"type\":\"BertProcessing\",\"sep\":[\"[SEP]\",3],"
                        + "\"cls\":[\"[CLS]\",2]},\"decoder\":null,"
                        + "\"model\":{\"type\":\"WordLevel\",\"unk_token\":\"[UNK]\",\"vocab\":{"
                        + vocab
                        + "}}}";
        return Files.writeString(dir.resolve("tokenizer.json"), json);
    }
}
