package dev.tunebook.finetune.lora;

import dev.tunebook.finetune.weights.WeightsFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the local folder of an adapter's base model from {@code base_model_name_or_path}. */
final class AdapterBase {
    private AdapterBase() {}

    /**
     * Returns the base model folder: the path as given if absolute, else resolved against the
     * adapter folder first and the working directory second (where peft would look).
     *
     * @throws WeightsFormatException naming the config file and the paths tried
     */
    static Path resolve(Path adapterFolder, LoraConfig config) throws WeightsFormatException {
        Path file = adapterFolder.resolve(LoraModel.CONFIG_FILE);
        String named = config.baseModel();
        if (named == null || named.isBlank()) {
            throw new WeightsFormatException(
                    file,
                    "base_model_name_or_path is not set; load the base model and call"
                            + " LoraModel.load(model, folder)");
        }
        List<Path> tried = new ArrayList<>();
        Path given = Path.of(named);
        if (!given.isAbsolute()) {
            tried.add(adapterFolder.resolve(given).normalize());
        }
        tried.add(given.toAbsolutePath().normalize());
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate.resolve("config.json"))) {
                return candidate;
            }
        }
        throw new WeightsFormatException(
                file,
                "base_model_name_or_path "
                        + named
                        + " is no local model folder (tried "
                        + tried
                        + "); load the base model and call LoraModel.load(model, folder)");
    }
}
