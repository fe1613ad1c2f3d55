package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.PromptPreview;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code %%prompt} over in-memory rows, the Qwen3 fixture folder and its real tokenizer. */
class PromptMagicTest {

    private static final String BODY =
            "system: You label the sentiment of reviews as positive or negative.\n"
                    + "user: Review: {text}\n"
                    + "assistant: {label}\n";

    private static final List<Map<String, Object>> ROWS =
            List.of(
                    Map.of("text", "Battery died in an hour.", "label", "negative"),
                    Map.of("text", "Works perfectly, great value!", "label", "positive"),
                    Map.of("text", "Meh.", "label", "negative"));

    private static HuggingFaceTokenizer tokenizer;

    @BeforeAll
    static void loadTokenizer() throws Exception {
        tokenizer = HuggingFaceTokenizer.newInstance(qwen3());
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    private static Path qwen3() {
        Path root = Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        Path dir = root.resolve("tokenizers/qwen3");
        assertTrue(dir.toFile().isDirectory(), "fixture missing: " + dir);
        return dir;
    }

    private static PromptSources sources(Path modelDir) {
        return sources(modelDir, 0);
    }

    private static PromptSources sources(Path modelDir, int contextLength) {
        ToIntFunction<String> count = text -> tokenizer.encode(text).getIds().length;
        return new PromptSources() {
            @Override
            public List<? extends Map<String, ?>> rows(MagicContext context) {
                return ROWS;
            }

            @Override
            public Optional<Path> modelDirectory(MagicContext context) {
                return Optional.ofNullable(modelDir);
            }

            @Override
            public ToIntFunction<String> tokenCounter(MagicContext context) {
                return modelDir == null ? null : count;
            }

            @Override
            public int contextLength(MagicContext context) {
                return contextLength;
            }
        };
    }

    @Test
    void bindsThePromptAndPreviewsRowsWithTokenCounts() throws Exception {
        Notebook nb = new Notebook(Path.of("."));
        Object result =
                new PromptMagic(sources(qwen3()))
                        .run("--name sentiment --max-length 36 --rows 2", BODY, nb);
        PromptPreview preview = assertInstanceOf(PromptPreview.class, result);
        ChatPrompt prompt = assertInstanceOf(ChatPrompt.class, nb.lookup("sentiment"));
        assertEquals("qwen3/tokenizer_config.json", prompt.format().template().name());
        assertEquals(2, preview.examples().size());
        assertEquals(3, preview.stats().rows());
        assertEquals(35, preview.stats().min());
        assertEquals(39, preview.stats().max());
        assertEquals(2, preview.stats().overLimit(), preview.stats().summary());
        assertEquals(
                List.of("<think>\n\n</think>\n\nnegative<|im_end|>\n"),
                preview.examples().get(0).assistantTexts());
        MimeBundle bundle = new PromptPreviewRenderer().render(preview);
        String html = (String) bundle.get("text/html");
        assertTrue(html.contains("<span class=\"tb-special\">&lt;|im_start|&gt;</span>"), html);
        assertTrue(html.contains("<span class=\"tb-trained\""), html);
        assertTrue(bundle.plainText().contains("⟦<think>"), bundle.plainText());
    }

    @Test
    void modelContextLengthIsTheDefaultLimit() throws Exception {
        PromptPreview preview =
                (PromptPreview)
                        new PromptMagic(sources(qwen3(), 36))
                                .run("", BODY, new Notebook(Path.of(".")));
        assertEquals(36, preview.stats().limit());
        assertEquals(2, preview.stats().overLimit());
    }

    @Test
    void anotherTemplateThanTheModelsOwnWarnsWithTheFirstDifference() throws Exception {
        String llama2 = stderrOf("--template llama2");
        assertTrue(llama2.contains("warning: this prompt uses chat template 'llama2'"), llama2);
        assertTrue(llama2.contains("where this prompt writes \"[INST] <<SYS>>"), llama2);
        assertEquals("", stderrOf("--template model"));
    }

    private static String stderrOf(String args) throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            new PromptMagic(sources(qwen3())).run(args, BODY, new Notebook(Path.of(".")));
        } finally {
            System.setErr(saved);
        }
        return err.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void builtinTemplateWithoutModel() throws Exception {
        Notebook nb = new Notebook(Path.of("."));
        PromptPreview preview =
                (PromptPreview) new PromptMagic(sources(null)).run("--template chatml", BODY, nb);
        assertEquals(null, preview.stats());
        assertEquals(List.of("negative<|im_end|>\n"), preview.examples().get(0).assistantTexts());
        assertInstanceOf(ChatPrompt.class, nb.lookup("prompt"));
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        PromptMagic magic = new PromptMagic(sources(null));
        Notebook nb = new Notebook(Path.of("."));
        MagicUsageException noModel =
                assertThrows(MagicUsageException.class, () -> magic.run("", BODY, nb));
        assertTrue(noModel.getMessage().contains("chatml"), noModel.getMessage());
        assertThrows(MagicUsageException.class, () -> magic.run("--template nope", BODY, nb));
        assertThrows(
                MagicUsageException.class, () -> magic.run("--template chatml --rows x", BODY, nb));
        assertThrows(
                MagicUsageException.class,
                () -> magic.run("--name 1x --template chatml", BODY, nb));
        assertThrows(MagicUsageException.class, () -> magic.run("--template chatml", " ", nb));
        IllegalArgumentException column =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> magic.run("--template chatml", "user: {review}", nb));
        assertTrue(column.getMessage().contains("available columns: "), column.getMessage());
        assertTrue(nb.variables.isEmpty(), "nothing bound after an error");
    }
}
