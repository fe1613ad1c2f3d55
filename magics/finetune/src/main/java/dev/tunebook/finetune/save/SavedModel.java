package dev.tunebook.finetune.save;

import java.nio.file.Path;
import java.util.List;

/**
 * A folder {@link ModelExport} wrote.
 *
 * @param folder the folder, absolute
 * @param merged whether it is a merged transformers model (else a PEFT adapter)
 * @param run the name of the run it came from
 * @param files the names of its files, sorted
 */
public record SavedModel(Path folder, boolean merged, String run, List<String> files) {
    @Override
    public String toString() {
        return "saved run "
                + run
                + " to "
                + folder
                + (merged ? " as a transformers model: " : " as a PEFT adapter: ")
                + String.join(", ", files)
                + "\nload it with %model load "
                + folder;
    }
}
