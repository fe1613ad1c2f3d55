package dev.tunebook.kernel.magic;

import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code %classpath} and {@code %load}: jars, class folders and source files from disk. */
final class FileMagics {
    static final String CLASSPATH_USAGE =
            "%classpath PATH ...\n"
                    + "Adds jars or class folders to the notebook's classpath. A PATH may end in a glob\n"
                    + "(lib/*.jar); relative paths start at the notebook's directory.";
    static final String LOAD_USAGE =
            "%load FILE\n"
                    + "Runs the Java snippets (and magics) of a .jsh or .java file as if they were typed\n"
                    + "into this cell; the value of its last expression is displayed. A .java file's\n"
                    + "package declaration is ignored.";

    /** A .java file's package declaration, which JShell does not accept. */
    private static final Pattern PACKAGE =
            Pattern.compile(
                    "\\A(?:\\s*(?://[^\\n]*|/\\*(?s:.*?)\\*/))*\\s*(package\\s+[\\w.]+\\s*;)");

    private FileMagics() {}

    /** Returns the two magics. */
    static List<MagicSpec> specs() {
        return List.of(
                MagicSpec.line(
                        "classpath", CLASSPATH_USAGE, (args, body, ctx) -> classpath(args, ctx)),
                MagicSpec.line("load", LOAD_USAGE, (args, body, ctx) -> load(args, ctx)));
    }

    private static Object classpath(String args, MagicContext context) throws IOException {
        if (args.isBlank()) {
            throw new MagicUsageException("give at least one path");
        }
        List<Path> entries = new ArrayList<>();
        for (String pattern : args.split("\\s+")) {
            List<Path> matches = expand(context.workingDirectory(), pattern);
            if (matches.isEmpty()) {
                throw new MagicUsageException("no file matches " + pattern);
            }
            entries.addAll(matches);
        }
        context.addClasspath(entries);
        entries.forEach(e -> System.out.println("Added " + e));
        return null;
    }

    private static Object load(String args, MagicContext context) throws Exception {
        if (args.isBlank()) {
            throw new MagicUsageException("give a file");
        }
        Path file = context.workingDirectory().resolve(args.strip());
        if (!Files.isRegularFile(file)) {
            throw new MagicUsageException("no such file: " + file);
        }
        String source = Files.readString(file, StandardCharsets.UTF_8);
        return context.eval(withoutPackage(source));
    }

    /**
     * Returns {@code source} with its package declaration blanked out (lines keep their numbers).
     */
    static String withoutPackage(String source) {
        Matcher m = PACKAGE.matcher(source);
        if (!m.find()) {
            return source;
        }
        return source.substring(0, m.start(1))
                + " ".repeat(m.end(1) - m.start(1))
                + source.substring(m.end(1));
    }

    /** Returns the existing paths {@code pattern} names; a glob applies to its last part. */
    static List<Path> expand(Path base, String pattern) throws IOException {
        boolean glob = pattern.contains("*") || pattern.contains("?") || pattern.contains("[");
        Path path = base.resolve(glob ? pattern.substring(0, cut(pattern)) : pattern).normalize();
        if (!glob) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        String last = pattern.substring(cut(pattern));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        }
    }

    private static int cut(String pattern) {
        return pattern.lastIndexOf('/') + 1;
    }
}
