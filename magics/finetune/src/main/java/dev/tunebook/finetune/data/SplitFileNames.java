package dev.tunebook.finetune.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Splits named by their files, the layout of Hugging Face datasets and of {@code
 * notebooks/data/debian-packages}: a folder of {@code train.jsonl}, {@code val.jsonl} (or {@code
 * validation}, {@code dev}) and {@code test.jsonl} is already split, and its rows keep the split of
 * their file. Applies only when every file is named so.
 */
final class SplitFileNames {
    private static final Map<String, String> NAMES =
            Map.of(
                    "train", "train",
                    "val", "val",
                    "valid", "val",
                    "validation", "val",
                    "dev", "val",
                    "test", "test");
    private static final List<String> ORDER = List.of("train", "val", "test");

    private SplitFileNames() {}

    /**
     * Returns the splits of rows by the stem of each row's file, or empty when a file is not named
     * after a split or only one file is.
     *
     * @param stems the file name without extension of each row
     */
    static Optional<Splits> of(String[] stems) {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (String name : ORDER) {
            rows.put(name, new ArrayList<>());
        }
        for (int i = 0; i < stems.length; i++) {
            String split = NAMES.get(stems[i].toLowerCase(Locale.ROOT));
            if (split == null) {
                return Optional.empty();
            }
            rows.get(split).add(i);
        }
        rows.values().removeIf(List::isEmpty);
        if (rows.size() < 2) {
            return Optional.empty();
        }
        Map<String, int[]> splits = new LinkedHashMap<>();
        rows.forEach((name, list) -> splits.put(name, list.stream().mapToInt(i -> i).toArray()));
        return Optional.of(new Splits(splits));
    }
}
