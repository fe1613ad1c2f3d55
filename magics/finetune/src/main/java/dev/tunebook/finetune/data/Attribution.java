package dev.tunebook.finetune.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the README beside data files. Licences such as CC BY 4.0 require the attribution to travel
 * with the data, so a dataset keeps it and shows it.
 */
final class Attribution {
    private static final List<String> NAMES = List.of("README.md", "README.txt", "README");

    private Attribution() {}

    /** Returns the READMEs of the files' directories joined, or null when there are none. */
    static String find(List<Path> files) throws IOException {
        Set<Path> directories = new LinkedHashSet<>();
        files.forEach(f -> directories.add(f.toAbsolutePath().getParent()));
        StringBuilder text = new StringBuilder();
        for (Path directory : directories) {
            for (String name : NAMES) {
                Path readme = directory.resolve(name);
                if (Files.isRegularFile(readme)) {
                    text.append(Files.readString(readme, StandardCharsets.UTF_8));
                    break;
                }
            }
        }
        return text.isEmpty() ? null : text.toString();
    }
}
