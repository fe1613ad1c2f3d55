package dev.tunebook.finetune.tokenize;

import java.util.Arrays;

/**
 * What {@code %tokenize} shows: each token of a text in its own colour, special tokens marked, and
 * the ids.
 *
 * @param tokenized the tokenized text
 */
public record TokenView(TokenizedText tokenized) {
    private static final String[] COLOURS = {
        "#fde68a", "#bbf7d0", "#bfdbfe", "#fbcfe8", "#ddd6fe", "#fed7aa"
    };

    /** Returns the view of {@code text} as {@code tokenizer} encodes it (with special tokens). */
    public static TokenView of(Tokenizer tokenizer, String text) {
        return new TokenView(tokenizer.encode(text));
    }

    /** Returns the tokens separated by {@code |}, special ones in ⟨ ⟩, then the ids. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokenized.size(); i++) {
            String token = tokenized.tokens().get(i);
            text.append(i == 0 ? "" : "|")
                    .append(tokenized.special()[i] ? "⟨" + token + "⟩" : token);
        }
        return text.append('\n')
                .append(tokenized.size())
                .append(" tokens, ids ")
                .append(Arrays.toString(tokenized.ids()))
                .toString();
    }

    /** Returns the tokens as coloured spans (special tokens outlined) and the ids. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"tb-tokens\" style=\"line-height:2\">");
        for (int i = 0; i < tokenized.size(); i++) {
            boolean special = tokenized.special()[i];
            html.append("<span title=\"id ")
                    .append(tokenized.ids()[i])
                    .append("\" class=\"")
                    .append(special ? "tb-special" : "tb-token")
                    .append("\" style=\"padding:1px 3px;margin:1px;border-radius:3px;")
                    .append(
                            special
                                    ? "border:1px dashed #dc2626;color:#dc2626"
                                    : "background:" + COLOURS[i % COLOURS.length])
                    .append("\">")
                    .append(escape(tokenized.tokens().get(i)))
                    .append("</span>");
        }
        return html.append("</div><div><code>")
                .append(tokenized.size())
                .append(" tokens: ")
                .append(Arrays.toString(tokenized.ids()))
                .append("</code></div>")
                .toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
