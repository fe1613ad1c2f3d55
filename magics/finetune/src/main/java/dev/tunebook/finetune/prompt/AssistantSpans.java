package dev.tunebook.finetune.prompt;

import java.util.ArrayList;
import java.util.List;

/** Finds assistant turns in a rendering by rendering prefixes of the conversation. */
final class AssistantSpans {

    private AssistantSpans() {}

    /** Returns the span of every assistant turn of {@code messages} in {@code full}. */
    static List<Span> byPrefixes(PromptFormat format, List<Message> messages, String full) {
        List<Span> spans = new ArrayList<>();
        int cursor = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).role().equals("assistant")) {
                continue;
            }
            String cue = renderOrEmpty(format, messages.subList(0, i), true);
            String upTo = format.text(messages.subList(0, i + 1), false);
            Span span =
                    full.startsWith(upTo) && upTo.startsWith(cue) && cue.length() >= cursor
                            ? new Span(cue.length(), upTo.length())
                            : locate(messages.get(i), i, cue, upTo, full, cursor);
            spans.add(span);
            cursor = span.end();
        }
        return spans;
    }

    private static String renderOrEmpty(PromptFormat format, List<Message> prefix, boolean cue) {
        try {
            return format.text(prefix, cue);
        } catch (ChatTemplateException e) {
            return ""; // templates may index messages[0]; a turn at 0 is then found by content
        }
    }

    /** Finds the turn by its content, extended over the closing text the template puts after it. */
    private static Span locate(
            Message turn, int index, String cue, String upTo, String full, int cursor) {
        String content = turn.content();
        int at = full.indexOf(content, cursor);
        if (at < 0) {
            throw new IllegalStateException(
                    "cannot find assistant turn "
                            + index
                            + " in the rendered conversation;"
                            + " the template changes its content (for example trims it)");
        }
        int end = at + content.length();
        String body = upTo.startsWith(cue) ? upTo.substring(cue.length()) : upTo;
        int inBody = body.lastIndexOf(content);
        if (inBody >= 0) {
            String closing = body.substring(inBody + content.length());
            if (full.startsWith(closing, end)) {
                end += closing.length();
            }
        }
        return new Span(at, end);
    }
}
