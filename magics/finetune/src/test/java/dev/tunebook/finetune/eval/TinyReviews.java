package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A twelve-row review dataset in the words of {@link WordTokenizer}, written as JSONL with a fixed
 * split file (8 train rows, 4 test rows, both labels in each).
 */
public final class TinyReviews {
    private static final String[] TEXTS = {
        "great food !", "terrible service .", "i love this movie", "bad food , slow service",
        "awesome movie !", "i hate it", "friendly service", "it was bad",
        "good food .", "this is terrible", "great service", "slow and bad"
    };

    private TinyReviews() {}

    /** Writes the files into {@code folder} and loads them. */
    public static Dataset write(Path folder) throws Exception {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TEXTS.length; i++) {
            String label = i % 2 == 0 ? "positive" : "negative";
            lines.add("{\"text\": \"" + TEXTS[i] + "\", \"label\": \"" + label + "\"}");
        }
        Files.write(folder.resolve("reviews.jsonl"), lines);
        Files.writeString(
                folder.resolve("splits.json"),
                "{\"reviews\": {\"train\": [0,1,2,3,4,5,6,7], \"test\": [8,9,10,11]}}");
        return DatasetLoader.builder()
                .setSource(folder.resolve("reviews.jsonl"))
                .optSplitFile(folder.resolve("splits.json"))
                .build()
                .load();
    }
}
