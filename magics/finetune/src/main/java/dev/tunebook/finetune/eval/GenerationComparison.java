package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.List;

/**
 * Side-by-side outputs of two models (a base model and its fine-tuned version) for the same inputs,
 * generated with the same options: the first thing to look at after fine-tuning a generator.
 * Instances are immutable.
 */
public final class GenerationComparison {
    private final String baseName;
    private final String tunedName;
    private final List<Row> rows;

    /**
     * One input and what each model made of it.
     *
     * @param input the input as the user wrote it
     * @param base the base model's output
     * @param tuned the fine-tuned model's output
     */
    public record Row(String input, String base, String tuned) {}

    private GenerationComparison(String baseName, String tunedName, List<Row> rows) {
        this.baseName = baseName;
        this.tunedName = tunedName;
        this.rows = List.copyOf(rows);
    }

    /**
     * Generates with both models for every input.
     *
     * @throws IllegalArgumentException if there are no inputs
     */
    public static GenerationComparison compare(
            String baseName,
            TextGenerator base,
            String tunedName,
            TextGenerator tuned,
            List<String> inputs,
            GenerationOptions options) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs to compare outputs on");
        }
        List<String> fromBase = base.generate(inputs, options);
        List<String> fromTuned = tuned.generate(inputs, options);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            rows.add(new Row(inputs.get(i), fromBase.get(i), fromTuned.get(i)));
        }
        return new GenerationComparison(baseName, tunedName, rows);
    }

    /** Returns the rows, in input order. */
    public List<Row> rows() {
        return rows;
    }

    /** Returns the table view: input, base output, fine-tuned output. */
    public TableView table() {
        TableView table = new TableView(List.of("input", baseName, tunedName));
        rows.forEach(r -> table.add(List.of(r.input(), r.base(), r.tuned())));
        return table;
    }

    /** Returns an HTML table, every cell escaped. */
    public String toHtml() {
        return table().html(rows.size());
    }

    /** Returns aligned text. */
    public String toText() {
        return table().text(rows.size());
    }

    @Override
    public String toString() {
        return toText();
    }
}
