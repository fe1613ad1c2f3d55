package dev.tunebook.finetune.prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a dataset row becomes a conversation: the body of {@code %%prompt}, for example
 *
 * <pre>
 * system: You label the sentiment of reviews as positive or negative.
 * user: Review: {text}
 * assistant: {label}
 * </pre>
 *
 * <p>A line starting with {@code system:}, {@code user:} or {@code assistant:} opens a turn; other
 * lines continue the current turn (joined with a newline; trailing blank lines are dropped). {@code
 * {column}} is replaced by the row's value for that column; {@code {{} and {@code }}} stand for
 * literal braces.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PromptSpec {

    private static final Pattern ROLE_LINE =
            Pattern.compile("^(system|user|assistant)\\s*:[ \\t]?(.*)$", Pattern.CASE_INSENSITIVE);

    private final List<Turn> turns;

    private PromptSpec(List<Turn> turns) {
        this.turns = List.copyOf(turns);
    }

    /** One turn: its role, its parsed text, and the line it starts on. */
    private record Turn(String role, List<PromptPiece> pieces, int line) {}

    /**
     * Parses a prompt body.
     *
     * @throws IllegalArgumentException naming the line of text before the first role, an unmatched
     *     brace, or an empty body
     */
    public static PromptSpec parse(String body) {
        List<Turn> turns = new ArrayList<>();
        String role = null;
        int start = 0;
        StringBuilder text = new StringBuilder();
        String[] lines = body.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ROLE_LINE.matcher(lines[i]);
            if (m.matches()) {
                if (role != null) {
                    turns.add(turn(role, text, start));
                }
                role = m.group(1).toLowerCase(Locale.ROOT);
                start = i + 1;
                text.setLength(0);
                text.append(m.group(2));
            } else if (role != null) {
                text.append('\n').append(lines[i]);
            } else if (!lines[i].isBlank()) {
                throw new IllegalArgumentException(
                        "prompt line "
                                + (i + 1)
                                + ": expected 'system:', 'user:' or"
                                + " 'assistant:' before any text, found: "
                                + lines[i].strip());
            }
        }
        if (role == null) {
            throw new IllegalArgumentException(
                    "empty prompt: write one turn per line as 'system: ...', 'user: ...',"
                            + " 'assistant: ...'");
        }
        turns.add(turn(role, text, start));
        return new PromptSpec(turns);
    }

    private static Turn turn(String role, StringBuilder text, int line) {
        String content = text.toString().replaceAll("[ \\t]*(\\r?\\n[ \\t]*)*$", "");
        return new Turn(role, PromptPiece.parse(content, line), line);
    }

    /** Returns the roles of the turns, in order. */
    public List<String> roles() {
        return turns.stream().map(Turn::role).toList();
    }

    /** Returns the column names the placeholders use, in order of first use. */
    public Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        for (Turn t : turns) {
            for (PromptPiece p : t.pieces()) {
                if (p.isPlaceholder()) {
                    columns.add(p.text());
                }
            }
        }
        return columns;
    }

    /** Returns whether the last turn is the assistant's: the part a model is trained to write. */
    public boolean endsWithAssistant() {
        return turns.get(turns.size() - 1).role().equals("assistant");
    }

    /**
     * Checks that every placeholder names one of {@code available}.
     *
     * @throws IllegalArgumentException naming the first missing column, its line, and the available
     *     columns
     */
    public void requireColumns(Set<String> available) {
        for (Turn t : turns) {
            for (PromptPiece p : t.pieces()) {
                if (p.isPlaceholder() && !available.contains(p.text())) {
                    throw missingColumn(p.text(), t.line(), available);
                }
            }
        }
    }

    /**
     * Returns the conversation for one row.
     *
     * @throws IllegalArgumentException naming a placeholder without a column, and the columns the
     *     row has
     */
    public List<Message> messages(Map<String, ?> row) {
        requireColumns(row.keySet());
        List<Message> messages = new ArrayList<>(turns.size());
        for (Turn t : turns) {
            StringBuilder sb = new StringBuilder();
            for (PromptPiece p : t.pieces()) {
                sb.append(p.isPlaceholder() ? PythonValues.str(row.get(p.text())) : p.text());
            }
            messages.add(new Message(t.role(), sb.toString()));
        }
        return messages;
    }

    private static IllegalArgumentException missingColumn(
            String column, int line, Set<String> available) {
        return new IllegalArgumentException(
                "prompt line "
                        + line
                        + ": placeholder {"
                        + column
                        + "} matches no column;"
                        + " available columns: "
                        + String.join(", ", available));
    }

    @Override
    public String toString() {
        return "PromptSpec" + roles() + " columns=" + columns();
    }
}
