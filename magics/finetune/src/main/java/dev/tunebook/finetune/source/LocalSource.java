package dev.tunebook.finetune.source;

import java.nio.file.Files;
import java.nio.file.Path;

/** A model already in a local folder. */
record LocalSource(String spec, Path folder) implements ModelSource {
    @Override
    public Path fetch(DownloadProgress progress) throws ModelSourceException {
        if (!Files.exists(folder)) {
            throw new ModelSourceException(
                    folder.toAbsolutePath()
                            + ": no such folder (write a local path, hf:ORG/NAME or"
                            + " maven:GROUP:ARTIFACT:VERSION)");
        }
        return folder;
    }
}
