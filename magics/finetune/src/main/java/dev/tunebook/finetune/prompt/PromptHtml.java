package dev.tunebook.finetune.prompt;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML for rendered prompts: special tokens highlighted, the trained part (assistant spans) marked,
 * everything else escaped and shown verbatim, whitespace included.
 */
public final class PromptHtml {

    /** Special-token shapes of the common chat formats, used when no token list is given. */
    public static final Pattern SPECIAL_TOKENS =
            Pattern.compile(
                    "<\\|[^<>|\\s]{1,40}\\|>|</?s>|<bos>|<eos>|<start_of_turn>|<end_of_turn>"
                            + "|\\[/?INST]|<</?SYS>>");

    private static final String STYLE =
            "<style>.tb-prompt{white-space:pre-wrap;font-family:monospace;border:1px solid #ccc;"
                    + "padding:6px;margin:4px 0}.tb-special{color:#a0a;font-weight:bold}"
                    + ".tb-trained{background:#dfd;outline:1px solid #9c9}</style>";

    private PromptHtml() {}

    /** Returns the training text of each rendering, in order, as one HTML fragment. */
    public static String render(List<PromptRendering> renderings) {
        StringBuilder sb = new StringBuilder(STYLE);
        for (PromptRendering r : renderings) {
            sb.append("<div class=\"tb-prompt\">").append(body(r)).append("</div>");
        }
        return sb.toString();
    }

    /** Returns one rendering's training text with tokens highlighted and trained spans marked. */
    static String body(PromptRendering r) {
        String text = r.trainingText();
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Span s : r.assistantSpans()) {
            sb.append(highlight(text.substring(at, s.start())));
            sb.append("<span class=\"tb-trained\" title=\"trained on\">");
            sb.append(highlight(text.substring(s.start(), s.end()))).append("</span>");
            at = s.end();
        }
        return sb.append(highlight(text.substring(at))).toString();
    }

    private static String highlight(String text) {
        StringBuilder sb = new StringBuilder();
        Matcher m = SPECIAL_TOKENS.matcher(text);
        int at = 0;
        while (m.find()) {
            sb.append(escape(text.substring(at, m.start())));
            sb.append("<span class=\"tb-special\">").append(escape(m.group())).append("</span>");
            at = m.end();
        }
        return sb.append(escape(text.substring(at))).toString();
    }

    /** Returns {@code text} with HTML's special characters escaped. */
    public static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
