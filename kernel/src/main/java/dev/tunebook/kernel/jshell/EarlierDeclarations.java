package dev.tunebook.kernel.jshell;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Lets JShell's analysis see the declarations written earlier in the cell being edited. The session
 * knows a cell's variables, methods and classes only once the cell has run, so completing {@code
 * wor} in {@code var words = List.of("a"); wor} would find nothing. This class wraps the text being
 * completed, without running or defining anything, in a throwaway anonymous class that holds the
 * cell's earlier declarations: methods and classes as its members, variables as locals of a method
 * whose body ends with the text being completed (when that text is itself a method, it becomes a
 * member beside them, and does not see the variables):
 *
 * <pre>{@code
 * new Object() { int twice(int v) { ... }  void $tunebook$cell() { var words = List.of("a"); wor
 * }</pre>
 *
 * <p>Snippets that declare nothing (expressions, statements) and imports are left out. Which is
 * which is decided by javac's parser alone, so a declaration that refers to another one of the same
 * cell still counts; where each snippet source goes is remembered (a bounded cache). Thread-safe.
 */
final class EarlierDeclarations {
    private static final String BODY_START = "new Object() {\n";
    private static final String METHOD_START = "void $tunebook$cell() {\n";
    private static final String MEMBER_PROBE = "class $W {\n";
    private static final String BODY_PROBE = "class $W { void $m() {\n";
    private static final int MAX_REMEMBERED = 2_000;

    /** Where each snippet source seen goes, so that Tab after Tab parses each snippet once. */
    private static final Map<String, Place> PLACES = new ConcurrentHashMap<>();

    /**
     * The text JShell analyses: {@code code}, in which the text being completed starts at {@code
     * offset} and runs to the end.
     */
    record Context(String code, int offset) {}

    private EarlierDeclarations() {}

    /**
     * Returns {@code current} in the context of the declarations among {@code earlier} (the
     * complete snippets before it in the cell), or {@code current} alone when there are none or it
     * is an import.
     */
    static Context around(List<SourceSnippet> earlier, String current) {
        if (earlier.isEmpty() || current.stripLeading().startsWith("import ")) {
            return new Context(current, 0);
        }
        if (PLACES.size() > MAX_REMEMBERED) {
            PLACES.clear();
        }
        StringBuilder members = new StringBuilder();
        StringBuilder locals = new StringBuilder();
        for (SourceSnippet snippet : earlier) {
            String source = snippet.source();
            switch (PLACES.computeIfAbsent(source, EarlierDeclarations::place)) {
                case MEMBER -> members.append(source).append('\n');
                case LOCAL -> locals.append(source).append('\n');
                case NONE -> {}
            }
        }
        if (members.isEmpty() && locals.isEmpty()) {
            return new Context(current, 0);
        }
        StringBuilder code = new StringBuilder(BODY_START).append(members);
        code.append(METHOD_START).append(locals);
        if (isMethod(current)) {
            code.append("}\n");
        }
        int offset = code.length();
        return new Context(code.append(current).toString(), offset);
    }

    /** Where a snippet goes in the wrapper. */
    private enum Place {
        MEMBER,
        LOCAL,
        NONE
    }

    /**
     * Returns where the declarations of {@code source} go: methods and classes as members,
     * variables as locals, variables with modifiers ({@code static int n = 1;}) as fields.
     */
    private static Place place(String source) {
        if (declaresOnly(
                MEMBER_PROBE, source, t -> t instanceof MethodTree || t instanceof ClassTree)) {
            return Place.MEMBER;
        } else if (declaresOnly(BODY_PROBE, source, t -> t instanceof VariableTree)) {
            return Place.LOCAL;
        } else if (declaresOnly(MEMBER_PROBE, source, t -> t instanceof VariableTree)) {
            return Place.MEMBER;
        }
        return Place.NONE;
    }

    /**
     * Returns true when {@code source}, put after {@code probe} (a class body, or a method body
     * when the probe opens one), parses without errors into trees that all are {@code
     * declaration}s.
     */
    private static boolean declaresOnly(String probe, String source, Predicate<Tree> declaration) {
        boolean inBlock = probe.equals(BODY_PROBE);
        Parsed parsed = parse(probe + source + (inBlock ? "\n} }" : "\n}"));
        if (parsed == null || parsed.errors || parsed.unit.getTypeDecls().isEmpty()) {
            return false;
        }
        ClassTree wrapper = (ClassTree) parsed.unit.getTypeDecls().get(0);
        List<? extends Tree> trees =
                inBlock
                        ? ((MethodTree) wrapper.getMembers().get(0)).getBody().getStatements()
                        : wrapper.getMembers();
        return !trees.isEmpty() && trees.stream().allMatch(declaration);
    }

    /** Returns true when {@code current} (incomplete) starts a method declaration. */
    private static boolean isMethod(String current) {
        Parsed parsed = parse(MEMBER_PROBE + current);
        if (parsed == null || parsed.unit.getTypeDecls().isEmpty()) {
            return false;
        }
        Tree wrapper = parsed.unit.getTypeDecls().get(0);
        return wrapper instanceof ClassTree type
                && !type.getMembers().isEmpty()
                && type.getMembers().get(0) instanceof MethodTree method
                && method.getBody() != null;
    }

    private record Parsed(CompilationUnitTree unit, boolean errors) {}

    private static Parsed parse(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return null;
        }
        boolean[] errors = new boolean[1];
        JavacTask task =
                (JavacTask)
                        javac.getTask(
                                null,
                                null,
                                d -> errors[0] |= d.getKind() == javax.tools.Diagnostic.Kind.ERROR,
                                List.of("-proc:none"),
                                null,
                                List.of(new Source(source)));
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            return new Parsed(unit, errors[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compilation unit held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///W.java"), JavaFileObject.Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
