package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetOverview;
import dev.tunebook.finetune.data.UnseenLabelsException;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label that only val and test hold: {@code %dataset load} warns and shows the label order,
 * {@code --strict} refuses the dataset, and {@code %%finetune} warns before it trains.
 */
class UnseenLabelsMagicTest {
    private static final String WARNING =
            "warning: label 'neutral' (test 2 rows) occurs only outside train";
    @TempDir Path dir;

    private void writeDataset() throws Exception {
        StringBuilder rows = new StringBuilder();
        String[] labels = {"negative", "positive", "negative", "positive", "neutral", "neutral"};
        String[] texts = {"bad", "great", "poor", "good", "it works", "the phone"};
        for (int i = 0; i < labels.length; i++) {
            rows.append("{\"text\": \"").append(texts[i]).append("\", \"label\": \"");
            rows.append(labels[i]).append("\"}\n");
        }
        Files.writeString(dir.resolve("reviews.jsonl"), rows);
        Files.writeString(
                dir.resolve("splits.json"),
                "{\"reviews\": {\"train\": [0, 1, 2, 3], \"test\": [4, 5]}}");
    }

    @Test
    void datasetLoadWarnsAndShowsTheLabelOrder() throws Exception {
        writeDataset();
        Notebook notebook = new Notebook(dir);
        DatasetOverview overview =
                assertInstanceOf(
                        DatasetOverview.class,
                        new DatasetMagic()
                                .run(
                                        "load reviews.jsonl --split-file splits.json",
                                        null,
                                        notebook));
        String text = overview.toText();
        assertTrue(text.contains(WARNING), text);
        assertTrue(
                text.contains(
                        "labels (in the order --labels follows): 0 = negative, 1 = neutral,"
                                + " 2 = positive"),
                text);
        Dataset dataset = assertInstanceOf(Dataset.class, notebook.variables.get("dataset"));
        assertEquals(List.of("neutral"), dataset.unseenLabels().labels());
    }

    @Test
    void strictRefusesTheDatasetAndBindsNothing() throws Exception {
        writeDataset();
        Notebook notebook = new Notebook(dir);
        UnseenLabelsException e =
                assertThrows(
                        UnseenLabelsException.class,
                        () ->
                                new DatasetMagic()
                                        .run(
                                                "load reviews.jsonl --split-file splits.json"
                                                        + " --strict",
                                                null,
                                                notebook));
        assertTrue(e.getMessage().contains("label 'neutral' (test 2 rows)"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("splits.json").toString()));
        assertFalse(notebook.variables.containsKey("dataset"));
        assertTrue(DatasetMagic.USAGE.contains("[--strict]"));
    }

    @Test
    void finetuneWarnsBeforeTraining() throws Exception {
        writeDataset();
        Notebook notebook = new Notebook(dir);
        new DatasetMagic().run("load reviews.jsonl --split-file splits.json", null, notebook);
        Path fixtures =
                Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        try (LanguageModel model =
                        LanguageModel.load(fixtures.resolve("models/tiny-bert"), Device.cpu());
                Tokenizer tokenizer = Tokenizer.load(FinetuneMagicTest.wordLevelTokenizer(dir))) {
            notebook.variables.put("bert", model);
            notebook.variables.put("tokenizer", tokenizer);
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            new FinetuneMagic()
                    .run("--model bert --method head --epochs 1", "batch: 4\n", notebook);
        } finally {
            System.setErr(saved);
        }
        String warned = err.toString(StandardCharsets.UTF_8);
        assertTrue(warned.startsWith(WARNING), warned);
        assertInstanceOf(TrainingRun.class, notebook.variables.get("run"));
    }
}
