package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.PromptPreview;
import dev.tunebook.finetune.retrieval.EmbeddingIndex;
import dev.tunebook.finetune.retrieval.EncoderId;
import dev.tunebook.finetune.retrieval.RetrievalEvaluation;
import dev.tunebook.finetune.retrieval.RetrievedContext;
import dev.tunebook.finetune.retrieval.Retriever;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.view.TableView;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %index}, {@code %retrieve}, {@code %eval --index} and {@code %%prompt --context} over 24
 * Debian package descriptions, with all-MiniLM-L6-v2 loaded from Maven as a notebook would.
 */
class RetrievalMagicsTest {
    private static final String PUZZLE = "Slide and add puzzle game for text mode";
    @TempDir static Path dir;
    private static Notebook notebook;

    @BeforeAll
    static void indexTheDescriptions() throws Exception {
        Path data = Path.of(System.getProperty("tunebook.datasets", "../../notebooks/data"));
        List<String> lines =
                Files.readAllLines(data.resolve("debian-packages/test.jsonl")).subList(0, 24);
        Files.write(dir.resolve("debian.jsonl"), lines);
        notebook = new Notebook(dir);
        new DatasetMagic()
                .run("load debian.jsonl --text description --name debian", null, notebook);
        MimeBundle built =
                (MimeBundle)
                        new IndexMagic()
                                .run(
                                        "pkgs --data debian --column description --id package"
                                                + " --save pkgs.index",
                                        null,
                                        notebook);
        assertTrue(
                built.plainText()
                        .startsWith(
                                "pkgs = index of 24 passages (debian.description) by"
                                        + " all-MiniLM-L6-v2 (dimension 384) in "),
                built.plainText());
    }

    @AfterAll
    static void close() {
        ((LoadedModel) notebook.lookup("encoder")).close();
    }

    @Test
    void indexBindsARetrieverAndItsFileAndMiniLmAsEncoder() throws Exception {
        assertInstanceOf(Retriever.class, notebook.lookup("pkgs"));
        assertInstanceOf(LoadedModel.class, notebook.lookup("encoder"));
        new IndexMagic().run("again --load pkgs.index", null, notebook);
        assertEquals(
                ((Retriever) notebook.lookup("pkgs")).index(),
                ((Retriever) notebook.lookup("again")).index());
    }

    @Test
    void retrieveShowsRankedPassagesWithScores() {
        TableView table =
                (TableView)
                        new RetrieveMagic().run("pkgs \"" + PUZZLE + "\" --k 3", null, notebook);
        assertEquals(3, table.rows().size());
        assertEquals(List.of("1", "2048"), table.rows().get(0).subList(0, 2));
        assertTrue(table.rows().get(0).get(3).startsWith("The 2048 game"));
    }

    @Test
    void kLargerThanTheIndexNamesItsSize() {
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new RetrieveMagic().run("pkgs game --k 30", null, notebook));
        assertEquals(
                "--k 30: index pkgs: k 30 is larger than the index, which holds 24 passages: ask"
                        + " for at most 24",
                e.getMessage());
    }

    @Test
    void evalWithIndexRecordsRecallAndMrr() throws Exception {
        RetrievalEvaluation shown =
                (RetrievalEvaluation)
                        new EvalMagic()
                                .run(
                                        "--index pkgs --data debian --query synopsis"
                                                + " --relevant package",
                                        null,
                                        notebook);
        assertTrue(shown.toText().contains("recall@5"), shown.toText());
        RunRecord run = RunStore.at(dir.resolve(".tunebook")).require("retrieval pkgs");
        Map<String, Double> metrics = run.metrics().get("all");
        assertTrue(metrics.get("recall@10") >= metrics.get("recall@1"), metrics.toString());
        assertEquals("retrieval", run.method());
        assertEquals("synopsis", run.hyperparameters().get("query_column"));
    }

    @Test
    void aMissingColumnIsNamedAndNothingIsBoundOrRecorded() throws Exception {
        MagicUsageException index =
                assertThrows(
                        MagicUsageException.class,
                        () ->
                                new IndexMagic()
                                        .run(
                                                "other --data debian --column summary",
                                                null,
                                                notebook));
        assertEquals(
                "--column summary: dataset debian has no column 'summary'; its columns: text,"
                        + " package, source, section, synopsis, description",
                index.getMessage());
        assertNull(notebook.lookup("other"));
        RunStore store = RunStore.at(dir.resolve(".tunebook"));
        int runs = store.list().runs().size();
        MagicUsageException eval =
                assertThrows(
                        MagicUsageException.class,
                        () ->
                                new EvalMagic()
                                        .run(
                                                "--index pkgs --data debian --query question"
                                                        + " --relevant package",
                                                null,
                                                notebook));
        assertTrue(eval.getMessage().startsWith("--query question: dataset debian has no column"));
        assertEquals(runs, store.list().runs().size());
    }

    @Test
    void anIndexOfAnotherEncoderIsRefused() throws Exception {
        EmbeddingIndex.of(
                        new EncoderId("toy", 2),
                        List.of("a"),
                        List.of("passage"),
                        new float[][] {{1, 0}})
                .save(dir.resolve("toy.index"));
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new IndexMagic().run("toy --load toy.index", null, notebook));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "toy.index was built with encoder toy (dimension 2), but the"
                                        + " queries would be embedded by all-MiniLM-L6-v2"
                                        + " (dimension 384): their vectors are not comparable."
                                        + " Query with toy, or rebuild the index with"
                                        + " all-MiniLM-L6-v2"),
                e.getMessage());
        assertNull(notebook.lookup("toy"));
    }

    @Test
    void promptFillsContextFromTheIndex() throws Exception {
        notebook.variables.put("dataset", notebook.lookup("debian"));
        String body =
                "system: Answer with the package name.\n"
                        + "user: {context}\nWhich package: {synopsis}\n"
                        + "assistant: {package}";
        PromptMagic magic = new PromptMagic(new NotebookVariables());
        PromptPreview preview =
                (PromptPreview)
                        magic.run(
                                "--template chatml --name rag --context pkgs --k 2",
                                body,
                                notebook);
        ChatPrompt rag = (ChatPrompt) notebook.lookup("rag");
        assertEquals("synopsis", ((RetrievedContext) rag.context().orElseThrow()).queryColumn());
        String second = preview.examples().get(1).trainingText();
        assertTrue(second.contains("<|im_start|>user\n2048: The 2048 game"), second);
        assertEquals(
                "--k 25: index pkgs: k 25 is larger than the index, which holds 24 passages: ask"
                        + " for at most 24",
                assertThrows(
                                MagicUsageException.class,
                                () ->
                                        magic.run(
                                                "--template chatml --context pkgs --k 25",
                                                body,
                                                notebook))
                        .getMessage());
        assertEquals(
                "--context pkgs: the prompt has no {context} placeholder to fill",
                assertThrows(
                                MagicUsageException.class,
                                () ->
                                        magic.run(
                                                "--template chatml --context pkgs",
                                                "user: {synopsis}",
                                                notebook))
                        .getMessage());
    }
}
