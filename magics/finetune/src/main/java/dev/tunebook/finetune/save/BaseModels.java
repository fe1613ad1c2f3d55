package dev.tunebook.finetune.save;

import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.source.ModelSource;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the base model an adapter's {@code base_model_name_or_path} names. */
final class BaseModels {
    private BaseModels() {}

    /**
     * Returns the local folder of {@code named}: a folder (absolute, or relative to {@code adapter}
     * or the working directory), a {@code maven:} or {@code hf:} source, or a hub id {@code
     * ORG/NAME} (fetched as {@code hf:ORG/NAME}).
     *
     * @throws WeightsFormatException naming the config file and the places tried
     */
    static Path resolve(Path adapter, String named, DownloadProgress progress) throws IOException {
        Path file = adapter.resolve(LoraModel.CONFIG_FILE);
        if (named == null || named.isBlank()) {
            throw new WeightsFormatException(file, "base_model_name_or_path is not set");
        }
        if (named.startsWith("maven:") || named.startsWith("hf:")) {
            return ModelSource.parse(named).fetch(progress);
        }
        List<Path> tried = new ArrayList<>();
        Path given = Path.of(named);
        if (!given.isAbsolute()) {
            tried.add(adapter.resolve(given).normalize());
        }
        tried.add(given.toAbsolutePath().normalize());
        for (Path candidate : tried) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        if (named.matches("[\\w.-]+/[\\w.-]+")) {
            return ModelSource.parse("hf:" + named).fetch(progress);
        }
        throw new WeightsFormatException(
                file,
                "base_model_name_or_path " + named + " is no model folder (tried " + tried + ")");
    }
}
