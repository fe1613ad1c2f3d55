package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An eight-row instruction dataset in the words of {@link WordTokenizer} (instruction, input,
 * output), written as JSONL with a fixed split file: 5 train rows, 3 test rows.
 */
public final class TinyInstructions {
    private static final String[][] ROWS = {
        {"classify the text", "great food !", "positive"},
        {"classify the text", "terrible service .", "negative"},
        {"answer with one word", "i love this movie", "positive ."},
        {"classify the text", "", "this is a great movie"},
        {"answer with one word", "i hate it", "negative"},
        {"classify the text", "good food .", "positive"},
        {"answer with one word", "slow service", "it was bad service"},
        {"classify the review", "friendly service", "positive"}
    };

    private TinyInstructions() {}

    /** Writes the files into {@code folder} and loads them. */
    public static Dataset write(Path folder) throws Exception {
        return write(folder, ROWS);
    }

    /** Writes {@code rows} (instruction, input, output) with the same split and loads them. */
    public static Dataset write(Path folder, String[][] rows) throws Exception {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            lines.add(
                    "{\"instruction\": \""
                            + row[0]
                            + "\", \"input\": \""
                            + row[1]
                            + "\", \"output\": \""
                            + row[2]
                            + "\"}");
        }
        Files.write(folder.resolve("tasks.jsonl"), lines);
        Files.writeString(
                folder.resolve("splits.json"),
                "{\"tasks\": {\"train\": [0,1,2,3,4], \"test\": [5,6,7]}}");
        return DatasetLoader.builder()
                .setSource(folder.resolve("tasks.jsonl"))
                .optSplitFile(folder.resolve("splits.json"))
                .build()
                .load();
    }
}
