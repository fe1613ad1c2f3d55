package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.magic.CellParser;
import dev.tunebook.kernel.magic.MagicRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;

/**
 * Completion, inspection and completeness of cells, for Java and magic names. Magic lines are
 * blanked out (same length) before JShell analyses the Java around them, so offsets stay cell
 * offsets. Completion and inspection also see the declarations earlier in the same cell, which has
 * not run yet ({@link EarlierDeclarations}).
 *
 * <p>Instances are not thread-safe.
 */
final class CodeAssist {
    private static final Pattern MAGIC_PREFIX = Pattern.compile("(%%?)([\\w.-]*)");

    private final JShell shell;
    private final MagicRegistry magics;

    CodeAssist(JShell shell, MagicRegistry magics) {
        this.shell = shell;
        this.magics = magics;
    }

    /** Returns the completions at {@code cursor}. */
    Completion complete(String code, int at) {
        int cursor = clamp(at, code);
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        Matcher magic = MAGIC_PREFIX.matcher(code.substring(lineStart, cursor));
        if (magic.matches()) {
            return completeMagic(magic, lineStart + magic.group(1).length(), cursor);
        }
        String java = javaOnly(code);
        int start = snippetStart(java, cursor);
        String current = java.substring(start, cursor);
        EarlierDeclarations.Context context =
                EarlierDeclarations.around(earlierSnippets(java, start), current);
        Completion completion = complete(context, start, cursor);
        if (completion.matches().isEmpty() && context.offset() > 0) {
            completion = complete(new EarlierDeclarations.Context(current, 0), start, cursor);
        }
        return completion;
    }

    private Completion complete(EarlierDeclarations.Context context, int start, int cursor) {
        int[] anchor = new int[1];
        Set<String> matches = new LinkedHashSet<>();
        String text = context.code();
        for (SourceCodeAnalysis.Suggestion s :
                analysis().completionSuggestions(text, text.length(), anchor)) {
            matches.add(s.continuation());
        }
        int anchorInCell = start + Math.max(0, anchor[0] - context.offset());
        return new Completion(List.copyOf(matches), Math.min(anchorInCell, cursor), cursor);
    }

    /** Returns the documentation of the magic or Java name at {@code cursor}. */
    Inspection inspect(String code, int at, int detailLevel) {
        int cursor = clamp(at, code);
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        int lineEnd = code.indexOf('\n', cursor);
        String line = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
        Matcher magic = MAGIC_PREFIX.matcher(line.split("\\s", 2)[0]);
        if (magic.matches() && !magic.group(2).isEmpty()) {
            MagicSpec.Kind kind =
                    magic.group(1).length() == 2 ? MagicSpec.Kind.CELL : MagicSpec.Kind.LINE;
            MagicSpec spec = magics.find(magic.group(2), kind);
            return spec == null ? Inspection.notFound() : found(MagicRuns.usage(spec));
        }
        String java = javaOnly(code);
        int end = identifierEnd(java, cursor);
        int start = snippetStart(java, Math.min(cursor, end));
        String text = java.substring(start, end);
        if (end < java.length() && java.charAt(end) == '(') {
            text += "(";
        }
        String inContext = EarlierDeclarations.around(earlierSnippets(java, start), text).code();
        MimeBundle docs = documentationBundle(inContext, inContext.length(), detailLevel > 0);
        return docs == null ? Inspection.notFound() : new Inspection(true, docs);
    }

    /**
     * Returns whether {@code code} is complete, incomplete (with an indent) or invalid. Magic
     * lines, and cells that start with a cell magic, are complete.
     */
    IsComplete isComplete(String code) {
        if (code.stripLeading().startsWith("%%")) {
            return new IsComplete("complete", "");
        }
        String rest = javaOnly(code);
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new IsComplete("incomplete", indent(code));
                }
                case UNKNOWN -> {
                    return new IsComplete("invalid", "");
                }
                default -> rest = "";
            }
        }
        return new IsComplete("complete", "");
    }

    /**
     * Returns the signatures of the element before {@code cursor} with their javadoc (its first
     * sentence unless {@code full}), or null when JShell knows no such element.
     */
    String documentation(String code, int cursor, boolean full) {
        MimeBundle docs = documentationBundle(code, cursor, full);
        return docs == null ? null : docs.plainText();
    }

    /** Returns {@link #documentation} as text/plain and text/markdown, or null. */
    private MimeBundle documentationBundle(String code, int cursor, boolean full) {
        List<Documentation> docs = documentations(code, cursor);
        if (docs.isEmpty() && !code.endsWith("(")) {
            docs = documentations(code.substring(0, cursor) + "(", cursor + 1);
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder markdown = new StringBuilder();
        for (Documentation doc : docs) {
            String separator = text.length() == 0 ? "" : full ? "\n\n" : "\n";
            text.append(separator).append(doc.signature());
            markdown.append(separator)
                    .append("```java\n")
                    .append(doc.signature())
                    .append("\n```\n");
            String javadoc = doc.javadoc();
            if (javadoc != null && !javadoc.isBlank()) {
                String shown = full ? JavadocText.plain(javadoc) : JavadocText.summary(javadoc);
                text.append(full ? "\n" : "\n    ").append(shown);
                markdown.append(shown).append('\n');
            }
        }
        return MimeBundle.ofText(text.toString()).markdown(markdown.toString().strip());
    }

    private List<Documentation> documentations(String code, int cursor) {
        try {
            return analysis().documentation(code, cursor, true);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private Completion completeMagic(Matcher magic, int start, int cursor) {
        MagicSpec.Kind kind =
                magic.group(1).length() == 2 ? MagicSpec.Kind.CELL : MagicSpec.Kind.LINE;
        List<String> names =
                magics.all().stream()
                        .filter(m -> m.kind() == kind && m.name().startsWith(magic.group(2)))
                        .map(MagicSpec::name)
                        .toList();
        return new Completion(names, start, cursor);
    }

    private static Inspection found(String text) {
        String markdown = "```java\n" + firstLine(text) + "\n```\n" + rest(text);
        return new Inspection(true, MimeBundle.ofText(text).markdown(markdown));
    }

    private SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    private int snippetStart(String java, int cursor) {
        List<SourceSnippet> snippets =
                SourceSnippet.split(analysis(), java.substring(0, cursor), 0);
        if (snippets.isEmpty()) {
            return cursor;
        }
        SourceSnippet last = snippets.get(snippets.size() - 1);
        return last.offset() + last.length() >= cursor ? last.offset() : cursor;
    }

    /** Returns the complete snippets of {@code java} before {@code start}. */
    private List<SourceSnippet> earlierSnippets(String java, int start) {
        return start == 0
                ? List.of()
                : SourceSnippet.split(analysis(), java.substring(0, start), 0);
    }

    /** Returns {@code code} with magic lines replaced by spaces, so offsets are kept. */
    static String javaOnly(String code) {
        StringBuilder java = new StringBuilder(code.length());
        int lineStart = 0;
        boolean first = true;
        while (lineStart <= code.length()) {
            int eol = code.indexOf('\n', lineStart);
            String line = code.substring(lineStart, eol < 0 ? code.length() : eol);
            boolean magic = CellParser.isMagicLine(line) || (first && line.startsWith("%%"));
            java.append(magic ? " ".repeat(line.length()) : line);
            if (eol < 0) {
                break;
            }
            java.append('\n');
            first = first && line.isBlank();
            lineStart = eol + 1;
        }
        return java.toString();
    }

    private static int clamp(int cursor, String code) {
        return Math.max(0, Math.min(cursor, code.length()));
    }

    private static int identifierEnd(String code, int cursor) {
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String indent(String code) {
        String[] lines = code.split("\n", -1);
        String last = "";
        for (String line : lines) {
            if (!line.isBlank()) {
                last = line;
            }
        }
        String base = last.substring(0, last.length() - last.stripLeading().length());
        String trimmed = last.strip();
        boolean opens = trimmed.endsWith("{") || trimmed.endsWith("(") || trimmed.endsWith("[");
        return opens || base.isEmpty() ? base + "    " : base;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String rest(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? "" : text.substring(nl + 1);
    }
}
