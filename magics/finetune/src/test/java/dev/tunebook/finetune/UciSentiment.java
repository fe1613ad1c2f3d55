package dev.tunebook.finetune;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the UCI sentiment sentences from {@code tunebook.datasets} (default
 * ../../../shared/datasets) with one of their split files, for tests and benchmarks.
 */
public final class UciSentiment {
    private UciSentiment() {}

    /** Returns the sentences split by {@code splitFile} ({@code splits.json}: 2400/300/300). */
    public static Dataset load(String splitFile) throws IOException {
        Path uci =
                Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                        .resolve("uci-sentiment");
        return DatasetLoader.builder()
                .setSource(uci)
                .optSplitFile(uci.resolve(splitFile))
                .build()
                .load();
    }
}
