package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs side by side for {@code %compare}: configuration (model, method, data, device,
 * hyperparameters) then results (status, metrics, time, throughput, parameters, inference, cost),
 * every field flattened to a dotted key, with differing rows highlighted.
 *
 * <p>Instances are immutable.
 */
public final class RunComparison {
    static final Set<String> CONFIGURATION =
            Set.of("kind", "model", "method", "dataset", "split", "device", "hyperparameters");
    private static final Set<String> IDENTITY =
            Set.of("schema_version", "id", "name", "started_at", "ended_at", "steps");

    private final RunRecord left;
    private final RunRecord right;
    private final List<ComparisonRow> rows;

    private RunComparison(RunRecord left, RunRecord right) {
        this.left = left;
        this.right = right;
        this.rows = compare(flatten(left), flatten(right));
    }

    /** Compares {@code left} with {@code right}. */
    public static RunComparison of(RunRecord left, RunRecord right) {
        return new RunComparison(left, right);
    }

    /** Returns every row, configuration first, keys in first-seen order. */
    public List<ComparisonRow> rows() {
        return rows;
    }

    /** Returns only the rows where the runs differ. */
    public List<ComparisonRow> differences() {
        return rows.stream().filter(ComparisonRow::differs).toList();
    }

    private static Map<String, String> flatten(RunRecord run) {
        ObjectNode tree = RunJson.tree(run);
        Map<String, String> flat = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!IDENTITY.contains(f.getKey())) {
                flatten(f.getKey(), f.getValue(), flat);
            }
        }
        flat.put("steps", Integer.toString(run.steps().size()));
        if (!run.steps().isEmpty()) {
            flat.put("final_loss", RunFormat.value(run.steps().get(run.steps().size() - 1).loss()));
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(f -> flatten(prefix + "." + f.getKey(), f.getValue(), out));
        } else if (node.isFloatingPointNumber()) {
            out.put(prefix, Html.number(node.doubleValue()));
        } else {
            out.put(prefix, node.isTextual() ? node.textValue() : node.toString());
        }
    }

    private static List<ComparisonRow> compare(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<ComparisonRow> config = new ArrayList<>();
        List<ComparisonRow> results = new ArrayList<>();
        for (String key : keys) {
            boolean isConfig = CONFIGURATION.contains(key.split("\\.", 2)[0]);
            ComparisonRow row =
                    new ComparisonRow(
                            isConfig ? "configuration" : "results",
                            key,
                            a.getOrDefault(key, ""),
                            b.getOrDefault(key, ""));
            (isConfig ? config : results).add(row);
        }
        config.addAll(results);
        return List.copyOf(config);
    }

    /** Returns the comparison as a table; rows that differ are highlighted. */
    public TableView table(boolean onlyDifferences) {
        String l = label(left);
        String r = label(right);
        if (l.equals(r)) {
            l = l + " (" + left.id() + ")";
            r = r + " (" + right.id() + ")";
        }
        TableView table = new TableView(List.of("section", "field", l, r));
        for (ComparisonRow row : onlyDifferences ? differences() : rows) {
            List<String> cells = List.of(row.section(), row.key(), row.left(), row.right());
            if (row.differs()) {
                table.addHighlighted(cells);
            } else {
                table.add(cells);
            }
        }
        return table;
    }

    private static String label(RunRecord run) {
        return run.name() == null ? run.id() : run.name();
    }

    /** Returns an HTML table; differing rows are bold. */
    public String toHtml(boolean onlyDifferences) {
        return table(onlyDifferences).html(Integer.MAX_VALUE);
    }

    /** Returns aligned text; differing rows are marked with {@code *}. */
    public String toText(boolean onlyDifferences) {
        return table(onlyDifferences).text(Integer.MAX_VALUE);
    }
}
