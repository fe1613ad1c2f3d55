package dev.tunebook.finetune.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code %model load} shows about a loaded model: its shape, size and where it runs.
 *
 * @param name the notebook name or source of the model
 * @param source the source as written ({@code maven:...}, {@code hf:...} or a folder)
 * @param architecture the model family and transformers class
 * @param parameters number of weights
 * @param layers transformer blocks
 * @param hiddenSize width of the residual stream
 * @param heads attention heads (and key/value heads under grouped-query attention)
 * @param vocabulary rows of the token embedding
 * @param contextLength longest input in tokens
 * @param dtype the type of the weights
 * @param device where the weights are
 * @param memoryBytes bytes the weights take
 * @param loadSeconds seconds spent fetching and loading
 */
public record ModelCard(
        String name,
        String source,
        String architecture,
        long parameters,
        int layers,
        int hiddenSize,
        String heads,
        int vocabulary,
        int contextLength,
        String dtype,
        String device,
        long memoryBytes,
        double loadSeconds) {

    /** Returns the card's fields as label to formatted value, in display order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", source);
        fields.put("architecture", architecture);
        fields.put(
                "parameters",
                String.format(Locale.ROOT, "%,d (%s)", parameters, compact(parameters)));
        fields.put("layers", Integer.toString(layers));
        fields.put("hidden size", Integer.toString(hiddenSize));
        fields.put("heads", heads);
        fields.put("vocabulary", String.format(Locale.ROOT, "%,d", vocabulary));
        fields.put("context length", Integer.toString(contextLength));
        fields.put("dtype", dtype);
        fields.put("device", device);
        fields.put("memory", String.format(Locale.ROOT, "%.1f MiB", memoryBytes / 1048576.0));
        fields.put("load time", String.format(Locale.ROOT, "%.2f s", loadSeconds));
        return fields;
    }

    /** Returns the card as plain text, one field a line. */
    public String toText() {
        StringBuilder text = new StringBuilder(name).append('\n');
        fields().forEach(
                        (label, value) ->
                                text.append(
                                        String.format(Locale.ROOT, "  %-15s %s%n", label, value)));
        return text.toString().stripTrailing();
    }

    /** Returns the card as an HTML table. */
    public String toHtml() {
        StringBuilder html =
                new StringBuilder("<table class=\"tb-model-card\"><caption><b>")
                        .append(escape(name))
                        .append("</b></caption>");
        fields().forEach(
                        (label, value) ->
                                html.append("<tr><th style=\"text-align:left\">")
                                        .append(escape(label))
                                        .append("</th><td style=\"text-align:left\">")
                                        .append(escape(value))
                                        .append("</td></tr>"));
        return html.append("</table>").toString();
    }

    private static String compact(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fK", n / 1e3);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
