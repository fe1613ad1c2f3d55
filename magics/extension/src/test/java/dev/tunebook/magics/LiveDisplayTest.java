package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingData;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside a kernel a run shows one display and updates it in place; no progress lines print. The
 * trainer is given no view: it finds the kernel's through the extension's service registration.
 */
class LiveDisplayTest {
    @TempDir Path home;

    /** Records what the trainer sends to the notebook. */
    private static final class RecordingSink implements DisplaySink {
        final List<String> displayed = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        MimeBundle last;

        @Override
        public void display(MimeBundle bundle, String displayId) {
            displayed.add(displayId);
            last = bundle;
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            updated.add(displayId);
            last = bundle;
        }

        @Override
        public void clearOutput(boolean wait) {}
    }

    @AfterEach
    void uninstall() {
        Display.install(null, new RendererRegistry());
    }

    private static TrainingData data() {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            rows.add(Example.classification(new int[] {2, 10 + i % 5, 20 + i % 3, 3}, i % 2));
        }
        return TrainingData.of(
                Map.of("train", rows, "val", rows.subList(0, 4), "test", rows.subList(4, 8)),
                List.of("a", "b"));
    }

    private static LanguageModel tinyBert() throws java.io.IOException {
        Path fixtures =
                Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        return LanguageModel.load(fixtures.resolve("models/tiny-bert"), Device.cpu());
    }

    @Test
    void oneDisplayUpdatedInPlace() throws Exception {
        RecordingSink sink = new RecordingSink();
        Display.install(sink, new RendererRegistry());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LanguageModel model = tinyBert()) {
            TrainingRun run =
                    Trainer.builder()
                            .setModel(model)
                            .setData(data())
                            .optConfig(
                                    TrainingConfig.builder()
                                            .optMethod(TrainingMethod.HEAD)
                                            .optEpochs(3)
                                            .optBatch(4)
                                            .build())
                            .optRunStore(RunStore.at(home))
                            .optOutput(new PrintStream(printed))
                            .build()
                            .run();
            assertEquals(1, sink.displayed.size());
            assertNotNull(sink.displayed.get(0));
            assertTrue(sink.updated.stream().allMatch(sink.displayed.get(0)::equals));
            String html = (String) sink.last.get("text/html");
            assertTrue(html.contains("completed"), html);
            assertTrue(html.contains("12/12"), html);
            assertTrue(sink.last.pngBytes().length > 0);
            assertTrue(!printed.toString().contains(" loss "), printed.toString());
            assertEquals(12, run.losses().length);
        }
    }

    @Test
    void theMagicShowsItsRunOnceWithAMetricsTable() throws Exception {
        RecordingSink sink = new RecordingSink();
        Display.install(sink, new RendererRegistry());
        Notebook notebook = new Notebook(home);
        try (LanguageModel model = tinyBert()) {
            notebook.variables.put("model", model);
            notebook.variables.put("dataset", data());
            Object shown =
                    new FinetuneMagic().run("--method head --epochs 1 --batch 4", "", notebook);
            TrainingRun run = (TrainingRun) notebook.variables.get("run");
            assertEquals(null, shown, "the live display is the result; nothing renders again");
            assertEquals(1, sink.displayed.size());
            String html = (String) sink.last.get("text/html");
            String text = (String) sink.last.get("text/plain");
            String left = "style=\"text-align:left\">";
            String right = "style=\"text-align:right\">";
            assertTrue(html.contains(left + "split</th><th " + right + "accuracy</th>"), html);
            for (String split : List.of("train", "val", "test")) {
                String accuracy = Html.significant(run.metric(split, "accuracy"), 4);
                assertTrue(
                        html.contains(left + split + "</td><td " + right + accuracy + "</td>"),
                        html);
            }
            for (String out : List.of(html, text, run.toString(), run.render().text())) {
                assertFalse(out.contains("{train="), out);
                assertFalse(out.contains("{val="), out);
                assertFalse(out.contains("{test="), out);
            }
            assertTrue(html.contains("completed 4 steps"), html);
        }
    }
}
