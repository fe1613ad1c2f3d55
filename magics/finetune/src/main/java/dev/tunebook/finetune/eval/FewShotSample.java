package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.data.Dataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The k labelled examples per label that a few-shot baseline sees, drawn reproducibly from one
 * split: the split's rows of each label (in dataset order) are shuffled with {@code new
 * Random(seed)} and the first k kept. Labels are taken in {@link Dataset#labelNames()} order.
 *
 * @param split the split drawn from
 * @param seed the seed of the draw
 * @param rows the chosen row indices per label
 */
public record FewShotSample(String split, long seed, Map<String, int[]> rows) {

    /**
     * Draws {@code shots} rows per label from {@code split} of a classification dataset.
     *
     * @throws IllegalArgumentException if {@code shots < 1}, or a label has fewer rows in the split
     *     than {@code shots} (naming the label and the count)
     */
    public static FewShotSample draw(Dataset dataset, String split, int shots, long seed) {
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be >= 1, got " + shots);
        }
        int[] labelIds = dataset.labelIds();
        Random random = new Random(seed);
        Map<String, int[]> chosen = new LinkedHashMap<>();
        for (int label = 0; label < dataset.labelNames().size(); label++) {
            List<Integer> rows = new ArrayList<>();
            for (int row : dataset.rows(split)) {
                if (labelIds[row] == label) {
                    rows.add(row);
                }
            }
            String name = dataset.labelNames().get(label);
            if (rows.size() < shots) {
                throw new IllegalArgumentException(
                        "split '"
                                + split
                                + "' has "
                                + rows.size()
                                + " rows labelled '"
                                + name
                                + "', fewer than the "
                                + shots
                                + " shots asked for");
            }
            Collections.shuffle(rows, random);
            chosen.put(name, rows.subList(0, shots).stream().mapToInt(i -> i).toArray());
        }
        return new FewShotSample(split, seed, chosen);
    }

    /** Returns the texts of the chosen rows per label. */
    public Map<String, List<String>> texts(Dataset dataset) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        rows.forEach(
                (label, ids) -> {
                    List<String> texts = new ArrayList<>();
                    for (int row : ids) {
                        texts.add(dataset.table().stringColumn("text").get(row));
                    }
                    out.put(label, texts);
                });
        return out;
    }

    /** Returns how many examples were drawn per label. */
    public int shots() {
        return rows.values().iterator().next().length;
    }
}
