package dev.tunebook.kernel.jshell;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import jdk.jshell.JShell;

/**
 * Compiles and runs a cell's expressions and statements in one javac compilation, where JShell
 * needs four (parse, the expression's type, analysis, code) and purges javac's symbol table after
 * each: in a fresh kernel {@code 1+1} took 33–47 ms through JShell and 5 ms this way.
 *
 * <p>The code sees exactly what JShell's own wrapper would: the same package and the same import
 * lines (JShell's imports and one static import per notebook declaration, asked of JShell), and it
 * runs on the same execution thread, instrumented for interrupts and exits as JShell's classes are.
 * Everything else goes to JShell: declarations (variables, methods, classes, imports), {@code
 * return}/{@code break}/{@code continue} at the top level, expressions with an anonymous class
 * (JShell gives their results a type of their own), and every snippet that does not compile here,
 * so JShell reports the error in its words. An expression's value is bound to the next {@code $N}
 * like JShell's, and declared to JShell when a later snippet names it.
 *
 * <p>JShell's wrapper lines and stack translation are not public API; they are reached by
 * reflection, which the kernel's agent (or {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED})
 * allows. {@link #open} returns null where it does not, or when {@code -Dtunebook.fastCells=false}.
 *
 * <p>Not thread-safe; the session runs one cell at a time.
 */
final class FastCells {
    private static final String VALUE = "$tb$value";
    private static final String CLASS_PREFIX = "$JShell$F";

    private final SnippetExecutionControl control;
    private final SnippetLoader loader;
    private final PooledJavac javac;
    private final ReplClassFiles files;
    private final Object maps;
    private final Method importLines;
    private final Object eval;
    private final Method translate;
    private long compiled;
    private long runs;

    /** What a snippet is, as far as running it goes. */
    enum Kind {
        /** An expression whose value is shown and bound to {@code $N}. */
        VALUE,
        /** A variable's name alone: its value is shown, no {@code $N}. */
        VARIABLE,
        /** A statement, a void call or an assignment to a variable: nothing is shown. */
        STATEMENT
    }

    /** A compiled snippet, ready to run; {@code id} names it in stack traces ({@code #id}). */
    record Compiled(String id, Method doIt, Kind kind, String valueType) {}

    private FastCells(SnippetExecutionControl control, PooledJavac javac, JShell shell)
            throws ReflectiveOperationException {
        this.control = control;
        this.loader = control.loader();
        this.javac = javac;
        this.files = new ReplClassFiles(javac.files());
        this.maps = field(shell, "maps");
        this.importLines =
                maps.getClass()
                        .getDeclaredMethod(
                                "packageAndImportsExcept",
                                java.util.Set.class,
                                java.util.Collection.class);
        importLines.setAccessible(true);
        this.eval = field(shell, "eval");
        this.translate =
                eval.getClass().getDeclaredMethod("translateExceptionStack", Exception.class);
        translate.setAccessible(true);
    }

    /** Returns the fast path for {@code shell}, or null where this JVM cannot give it. */
    static FastCells open(JShell shell, SnippetExecutionControl control) {
        if (!Boolean.parseBoolean(System.getProperty("tunebook.fastCells", "true"))) {
            return null;
        }
        PooledJavac javac = PooledJavac.open(shell);
        if (javac == null) {
            return null;
        }
        try {
            return new FastCells(control, javac, shell);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Compiles {@code source} (one snippet, as JShell would get it) and loads its classes; returns
     * null when the snippet is for JShell.
     */
    Compiled compile(String source) {
        String header;
        try {
            header = (String) importLines.invoke(maps, null, null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
        // The wrapper's head goes on the snippet's first line, so that line numbers are the
        // snippet's own; a line comment in it would swallow the rest.
        header = header.replace('\r', ' ').replace('\n', ' ');
        if (header.contains("//")) {
            return null;
        }
        Attempt value = attempt(header, source, Form.VALUE);
        if (value.compiled() != null || !value.tryStatement()) {
            return value.compiled();
        }
        return attempt(header, source, value.call() ? Form.CALL : Form.STATEMENT).compiled();
    }

    /** Runs a compiled snippet on the execution thread; returns its value or throws. */
    Object run(Compiled snippet) throws Throwable {
        runs++;
        return control.call(snippet.doIt());
    }

    /** Returns the snippet that a compiled snippet found unresolved, or null. */
    jdk.jshell.Snippet unresolved(jdk.jshell.spi.SPIResolutionException thrown) {
        try {
            Method lookup = maps.getClass().getDeclaredMethod("getSnippetDeadOrAlive", int.class);
            lookup.setAccessible(true);
            return (jdk.jshell.Snippet) lookup.invoke(maps, thrown.id());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Returns how many snippets ran this way. */
    long runs() {
        return runs;
    }

    /**
     * Rewrites the stack traces of {@code thrown} and its causes as JShell does for its own
     * snippets: wrapper classes out, lines counted in the snippet, file {@code #id}.
     */
    void translate(Throwable thrown) {
        java.util.Set<Throwable> seen =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            t.setStackTrace(translate(t.getStackTrace()));
        }
    }

    private StackTraceElement[] translate(StackTraceElement[] raw) {
        StackTraceElement[] frames = raw;
        try {
            Exception carrier = new Exception();
            carrier.setStackTrace(raw);
            frames = (StackTraceElement[]) translate.invoke(eval, carrier);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Untranslated frames of earlier cells' classes are left out of the traceback.
        }
        StackTraceElement[] out = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            StackTraceElement frame = frames[i];
            String type = frame.getClassName();
            int at = type.indexOf(CLASS_PREFIX);
            if (at >= 0 && type.startsWith(ReplClassFiles.PACKAGE + ".")) {
                String id =
                        "F" + type.substring(at + CLASS_PREFIX.length()).replaceAll("\\D.*", "");
                String method = frame.getMethodName().equals("do_it$") ? "" : frame.getMethodName();
                out[i] = new StackTraceElement("", method, "#" + id, frame.getLineNumber());
            } else {
                out[i] = frame;
            }
        }
        return out;
    }

    /** The wrapper a snippet is compiled in. */
    private enum Form {
        /** {@code var $tb$value = <snippet>; return $tb$value;}: an expression. */
        VALUE,
        /** The snippet as a void method's one statement: a loop, a block, a {@code try}... */
        STATEMENT,
        /** As {@link #STATEMENT}, for an expression whose value form does not compile (void). */
        CALL
    }

    /**
     * What one form gave: the snippet ready to run, or null and whether a statement form is worth a
     * try ({@code call}: the snippet is an expression, so {@link Form#CALL}).
     */
    private record Attempt(Compiled compiled, boolean tryStatement, boolean call) {
        static final Attempt JSHELL = new Attempt(null, false, false);
    }

    /**
     * Compiles {@code source} in {@code form} in one javac task: parses the wrapper, checks that it
     * holds one expression or statement of a kind that runs here, and only then analyzes and
     * generates it. A snippet that fails here goes to JShell.
     */
    private Attempt attempt(String header, String source, Form form) {
        String id = String.valueOf(++compiled);
        String name = CLASS_PREFIX + id;
        String code =
                form == Form.VALUE
                        ? header
                                + " public class "
                                + name
                                + " { public static Object do_it$() throws Throwable { var "
                                + VALUE
                                + " = "
                                + withoutFinalSemicolon(source)
                                + "\n; return "
                                + VALUE
                                + "; } }"
                        : header
                                + " public class "
                                + name
                                + " { public static void do_it$() throws Throwable { "
                                + withFinalSemicolon(source)
                                + "\n} }";
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String[] valueType = new String[1];
        Shape shape = new Shape();
        Attempt failed;
        try {
            failed =
                    javac.run(
                            javac.files(),
                            diagnostics,
                            javac.options(),
                            List.of(new Source(name, code)),
                            ReplClassFiles.PACKAGE,
                            task -> {
                                Attempt plan = plan(task, diagnostics, name, form, shape);
                                if (plan != null) {
                                    return plan;
                                }
                                if (shape.kind == Kind.VALUE) {
                                    task.addTaskListener(new TypeOfValue(task, valueType));
                                }
                                // A call's value form does not compile when it returns void.
                                return generate(task, diagnostics)
                                        ? null
                                        : new Attempt(null, shape.call, shape.call);
                            });
        } catch (RuntimeException e) {
            return Attempt.JSHELL;
        }
        if (failed != null) {
            return failed;
        }
        try {
            Map<String, byte[]> classes = files.take(ReplClassFiles.PACKAGE + "." + name);
            loader.loadCompiled(classes);
            Method doIt = loader.findClass(ReplClassFiles.PACKAGE + "." + name).getMethod("do_it$");
            return new Attempt(
                    new Compiled("F" + id, doIt, shape.kind, valueType[0]), false, false);
        } catch (ReflectiveOperationException | LinkageError e) {
            return Attempt.JSHELL;
        }
    }

    /**
     * Parses the wrapper and sets {@code shape} to how the snippet runs; returns null when it is to
     * be compiled, or what to do instead.
     */
    private Attempt plan(
            JavacTask task,
            DiagnosticCollector<JavaFileObject> diagnostics,
            String name,
            Form form,
            Shape shape) {
        List<? extends StatementTree> body = body(parse(task), name);
        if (body == null || hasErrors(diagnostics)) {
            // javac's parser takes many statements (a loop, a block) for no expression.
            return new Attempt(null, form == Form.VALUE, false);
        }
        if (form != Form.VALUE) {
            if (body.size() != 1 || !runsHere(body.get(0).getKind(), form)) {
                return Attempt.JSHELL;
            }
            shape.kind = Kind.STATEMENT;
            return null;
        }
        if (body.size() != 2
                || !(body.get(0) instanceof VariableTree variable)
                || !variable.getName().contentEquals(VALUE)
                || body.get(1).getKind() != Tree.Kind.RETURN) {
            return new Attempt(null, true, false);
        }
        ExpressionTree expression = variable.getInitializer();
        if (expression.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
            // A switch written at the top level is a statement, as in JShell.
            return new Attempt(null, true, false);
        }
        if (hasAnonymousClass(expression)) {
            return Attempt.JSHELL;
        }
        boolean toVariable =
                expression instanceof AssignmentTree assignment
                        && assignment.getVariable().getKind() == Tree.Kind.IDENTIFIER;
        shape.kind =
                expression.getKind() == Tree.Kind.IDENTIFIER
                        ? Kind.VARIABLE
                        : toVariable ? Kind.STATEMENT : Kind.VALUE;
        shape.call = toVariable || expression.getKind() == Tree.Kind.METHOD_INVOCATION;
        return null;
    }

    /** How a snippet runs, as its parsed wrapper shows. */
    private static final class Shape {
        Kind kind;

        /** A call or an assignment to a variable: also a statement, when it has no value. */
        boolean call;
    }

    /** Whether a statement of {@code kind}, alone in a snippet, runs here in {@code form}. */
    private static boolean runsHere(Tree.Kind kind, Form form) {
        return switch (kind) {
            case IF,
                    FOR_LOOP,
                    ENHANCED_FOR_LOOP,
                    WHILE_LOOP,
                    DO_WHILE_LOOP,
                    BLOCK,
                    SWITCH,
                    TRY,
                    THROW,
                    SYNCHRONIZED,
                    LABELED_STATEMENT,
                    ASSERT ->
                    true;
            case EXPRESSION_STATEMENT -> form == Form.CALL;
            default -> false;
        };
    }

    /**
     * Returns the statements of the wrapper's method besides empty ones, or null when the unit is
     * not the wrapper alone (the snippet closed its method or class).
     */
    private static List<? extends StatementTree> body(CompilationUnitTree unit, String name) {
        if (unit == null
                || unit.getTypeDecls().size() != 1
                || !(unit.getTypeDecls().get(0) instanceof ClassTree type)
                || !type.getSimpleName().contentEquals(name)
                || type.getMembers().size() != 1
                || !(type.getMembers().get(0) instanceof MethodTree method)
                || method.getBody() == null) {
            return null;
        }
        return method.getBody().getStatements().stream()
                .filter(statement -> statement.getKind() != Tree.Kind.EMPTY_STATEMENT)
                .toList();
    }

    private static CompilationUnitTree parse(JavacTask task) {
        try {
            for (CompilationUnitTree unit : task.parse()) {
                return unit;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Analyzes and generates a parsed task; returns false on a compilation error. */
    private static boolean generate(
            JavacTask task, DiagnosticCollector<JavaFileObject> diagnostics) {
        try {
            task.analyze();
            if (hasErrors(diagnostics)) {
                return false;
            }
            task.generate();
        } catch (IOException e) {
            return false;
        }
        return !hasErrors(diagnostics);
    }

    /**
     * Returns {@code source} ending as a statement must; not always with one more semicolon, which
     * after {@code while (true) {}} would be an unreachable statement.
     */
    private static String withFinalSemicolon(String source) {
        String trimmed = source.stripTrailing();
        return trimmed.endsWith(";") || trimmed.endsWith("}") ? source : source + "\n;";
    }

    private static String withoutFinalSemicolon(String source) {
        String trimmed = source.stripTrailing();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : source;
    }

    private static boolean hasErrors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream()
                .anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }

    private static boolean hasAnonymousClass(ExpressionTree expression) {
        Boolean found =
                expression.accept(
                        new TreeScanner<Boolean, Void>() {
                            @Override
                            public Boolean visitNewClass(NewClassTree tree, Void unused) {
                                return tree.getClassBody() != null
                                        || Boolean.TRUE.equals(super.visitNewClass(tree, null));
                            }

                            @Override
                            public Boolean reduce(Boolean a, Boolean b) {
                                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
                            }
                        },
                        null);
        return Boolean.TRUE.equals(found);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    /** Records the type javac gave the value variable, as source text. */
    private static final class TypeOfValue implements TaskListener {
        private final JavacTask task;
        private final String[] type;

        TypeOfValue(JavacTask task, String[] type) {
            this.task = task;
            this.type = type;
        }

        @Override
        public void finished(TaskEvent event) {
            if (event.getKind() != TaskEvent.Kind.ANALYZE || type[0] != null) {
                return;
            }
            CompilationUnitTree unit = event.getCompilationUnit();
            Trees trees = Trees.instance(task);
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree tree, Void unused) {
                    if (tree.getName().contentEquals(VALUE)) {
                        Element element = trees.getElement(TreePath.getPath(unit, tree));
                        if (element != null) {
                            type[0] = element.asType().toString();
                        }
                    }
                    return super.visitVariable(tree, null);
                }
            }.scan(unit, null);
        }
    }

    /** A source file in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String name, String code) {
            super(
                    URI.create("mem:///" + ReplClassFiles.PACKAGE + "/" + name + ".java"),
                    Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
