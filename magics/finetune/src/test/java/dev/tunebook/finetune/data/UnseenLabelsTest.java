package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.view.Html;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels that occur in val or test but never in train are reported, or refused when strict. */
class UnseenLabelsTest {
    @TempDir Path dir;

    /** Six rows: train has negative and positive, val one neutral, test two neutral. */
    private DatasetLoader.Builder neutralOnlyOutsideTrain() throws IOException {
        String[] labels = {"negative", "positive", "negative", "neutral", "neutral", "neutral"};
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            rows.append("{\"text\": \"review ").append(i).append("\", \"label\": \"");
            rows.append(labels[i]).append("\"}\n");
        }
        Path data = Files.writeString(dir.resolve("reviews.jsonl"), rows);
        Path splits =
                Files.writeString(
                        dir.resolve("splits.json"),
                        "{\"reviews\": {\"train\": [0, 1, 2], \"val\": [3], \"test\": [4, 5]}}");
        return DatasetLoader.builder().setSource(data).optSplitFile(splits);
    }

    @Test
    void aLabelOnlyInValAndTestIsNamedWithItsCountsPerSplit() throws IOException {
        Dataset data = neutralOnlyOutsideTrain().build().load();
        UnseenLabels unseen = data.unseenLabels();
        assertEquals(List.of("neutral"), unseen.labels());
        assertEquals(Map.of("neutral", Map.of("val", 1, "test", 2)), unseen.counts());
        assertEquals(
                "label 'neutral' (val 1 row, test 2 rows) occurs only outside train: training"
                        + " cannot learn it, and its rows will be scored wrong",
                unseen.message());
        assertEquals(List.of("negative", "neutral", "positive"), data.labelNames());

        DatasetOverview overview = DatasetOverview.of(data, null, 0);
        assertEquals("warning: " + unseen.message(), overview.unseenLabelsWarning());
        assertTrue(overview.toText().contains("warning: label 'neutral'"), overview.toText());
        String html = overview.toHtml();
        assertTrue(html.contains(Html.escape(overview.unseenLabelsWarning())), html);
        assertTrue(html.contains("<p>labels (in the order --labels follows): 0 = negative"), html);
        assertEquals(
                "labels (in the order --labels follows): 0 = negative, 1 = neutral, 2 = positive",
                overview.labelOrderLine());
    }

    @Test
    void strictLoadingRefusesTheDatasetNamingTheLabel() throws IOException {
        DatasetLoader strict = neutralOnlyOutsideTrain().optStrictLabels(true).build();
        UnseenLabelsException e = assertThrows(UnseenLabelsException.class, strict::load);
        assertEquals(List.of("neutral"), e.unseen().labels());
        assertTrue(
                e.getMessage().startsWith(dir.resolve("splits.json") + ": label 'neutral'"),
                e.getMessage());
    }

    @Test
    void datasetsWhoseTrainHasEveryLabelOrWithoutLabelsHaveNone() throws IOException {
        Path data =
                Files.writeString(
                        dir.resolve("ok.jsonl"),
                        "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"y\"}\n");
        Dataset whole =
                DatasetLoader.builder().setSource(data).optStrictLabels(true).build().load();
        assertTrue(whole.unseenLabels().isEmpty());
        assertEquals("", DatasetOverview.of(whole, null, 0).unseenLabelsWarning());
        assertEquals("", whole.unseenLabels().message());

        Path text = Files.writeString(dir.resolve("plain.jsonl"), "{\"text\": \"a\"}\n");
        Dataset completion = DatasetLoader.builder().setSource(text).build().load();
        assertTrue(completion.unseenLabels().isEmpty());
        assertEquals("", DatasetOverview.of(completion, null, 0).labelOrderLine());
    }
}
