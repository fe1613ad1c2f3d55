package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    @Test
    void rendersBarChartsAndHeadlessLine() {
        TrainingProgress progress = new TrainingProgress("lora-r8", 600, "accuracy");
        progress.step(20, 0.61, 4.9e-5, 320, 10240, 26.0);
        progress.evaluation(20, 0.55, 0.85, 0.85);
        progress.step(40, 0.5123, 4.8e-5, 640, 20480, 52.0);
        assertEquals("step 40/600 loss 0.5123 lr 4.8e-05 val_acc 0.850 12.3 ex/s", progress.line());
        TrainingProgress.Rendered view = progress.render();
        assertEquals(progress.line(), view.text());
        byte[] png = view.png();
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(png.length > 1000);
        String html = view.html();
        assertTrue(html.contains("<progress value=\"40\" max=\"600\">"), html);
        assertTrue(html.contains("(7%)"), html);
        assertTrue(html.contains("12.3 examples/s"), html);
        assertTrue(html.contains("best val accuracy 0.8500"), html);
        assertEquals(2, html.split("data:image/png;base64,").length - 1, "loss and metric charts");
        assertEquals(2, progress.trainLoss().size());
    }

    @Test
    void theFinalEvaluationShowsItsBatchesAndTheClockMoves() {
        TrainingProgress progress = new TrainingProgress("full", 40, "accuracy");
        progress.step(40, 0.41, 1e-6, 640, 20480, 64.0);
        progress.evaluating("test", 3, 10, 75.4);
        String html = progress.render().html();
        assertTrue(
                html.contains(
                        "evaluating test: <progress value=\"3\" max=\"10\"></progress> 3/10"
                                + " batches"),
                html);
        assertTrue(html.contains("elapsed 0:01:15"), html);
        assertTrue(html.contains("10.0 examples/s"), "rates count training time only: " + html);
        assertTrue(progress.render().text().contains("evaluating test: 3/10 batches"));
        progress.metrics("test", java.util.Map.of("accuracy", 0.8084577114427861));
        progress.status("completed");
        progress.message("completed 40 steps");
        html = progress.render().html();
        assertTrue(!html.contains("evaluating"), html);
        assertTrue(html.contains("<p>completed 40 steps</p>"), html);
        assertTrue(html.contains(">0.8085</td>"), html);
        assertTrue(!html.contains("{test="), html);
    }
}
