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
}
