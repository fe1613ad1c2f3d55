package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.magic.CellParser;
import dev.tunebook.kernel.magic.CellPart;
import dev.tunebook.kernel.magic.MagicRegistry;
import dev.tunebook.kernel.magic.PagerText;
import dev.tunebook.kernel.magic.ParsedCell;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Runs a cell's parts in order: Java snippets through JShell, magics through the registry. The
 * first failure ends the cell with a {@link CellFailure}.
 *
 * <p>Instances are not thread-safe; the session runs one cell at a time.
 */
final class CellEvaluator {
    private final JShell shell;
    private final SnippetExecutionControl control;
    private final MagicRegistry magics;
    private final MagicRuns magicRuns;
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private final ResultVariables results;
    private final FastCells fast;
    private final PendingResults pending;
    private final Supplier<String> resultNames;
    private int cellNumber;

    /**
     * {@code fast} (or null) runs expressions and statements without JShell; {@code resultNames}
     * names expression results, as JShell's {@code tempVariableNameGenerator}.
     */
    CellEvaluator(
            JShell shell,
            SnippetExecutionControl control,
            MagicRegistry magics,
            MagicRuns magicRuns,
            FastCells fast,
            Supplier<String> resultNames) {
        this.shell = shell;
        this.control = control;
        this.magics = magics;
        this.magicRuns = magicRuns;
        this.results = new ResultVariables(shell, ResultVariables.configured());
        this.fast = fast;
        this.resultNames = resultNames;
        this.pending = new PendingResults(shell);
        results.pending(pending);
    }

    /** Returns the value of a result that ran without JShell, or null when there is none. */
    Object pendingResult(String name) {
        return pending.holds(name) ? pending.value(name) : null;
    }

    /** Starts a new top-level run; {@code counted} runs (cells, not expressions) get a number. */
    void beginCell(boolean counted) {
        control.beginCell();
        if (counted) {
            cellNumber++;
        }
    }

    /** Runs {@code code} (snippets and magics) and returns what its last part produced. */
    Outcome run(String code, MagicContext context) throws CellFailure {
        ParsedCell parsed = CellParser.parse(code);
        if (parsed.helpName() != null) {
            return Outcome.pager(magicRuns.help(parsed.helpName()));
        }
        CellText text = new CellText(code);
        Outcome last = Outcome.NONE;
        String pager = null;
        for (CellPart part : parsed.parts()) {
            last =
                    part instanceof CellPart.Java java
                            ? runJava(text, java)
                            : runMagic((CellPart.Magic) part, context);
            pager = last.pager() != null ? last.pager() : pager;
        }
        if (control.stopRequested()) {
            // The code stopped cleanly on the interrupt (a training run saved its checkpoint and
            // returned); its results are kept, and the cell ends as interrupted so that Jupyter
            // aborts the cells queued after it.
            throw new CellFailure(CellErrors.interrupted());
        }
        return pager == null ? last : new Outcome(last.value(), last.hasValue(), pager);
    }

    private Outcome runJava(CellText text, CellPart.Java java) throws CellFailure {
        Outcome last = Outcome.NONE;
        for (SourceSnippet snippet :
                SourceSnippet.split(shell.sourceCodeAnalysis(), java.code(), java.offset())) {
            if (control.stopRequested()) {
                throw new CellFailure(CellErrors.interrupted());
            }
            last = runSnippet(text, snippet);
        }
        return last;
    }

    private Outcome runSnippet(CellText text, SourceSnippet source) throws CellFailure {
        pending.declareNamedIn(source.source()).forEach(results::declared);
        FastCells.Compiled compiled = fast == null ? null : fast.compile(source.source());
        if (compiled != null) {
            return runFast(text, source, compiled);
        }
        List<SnippetEvent> events = shell.eval(source.source());
        Outcome outcome = Outcome.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            origins.put(
                    snippet.id(), new SnippetOrigin(cellNumber, text.lineIndex(source.offset())));
            check(text, source, event);
            results.add(snippet);
            outcome =
                    hasValue(snippet) && !endsWithSemicolon(text, source)
                            ? Outcome.of(control.takeValue(event.value()))
                            : Outcome.NONE;
        }
        return outcome;
    }

    private Outcome runFast(CellText text, SourceSnippet source, FastCells.Compiled compiled)
            throws CellFailure {
        origins.put(compiled.id(), new SnippetOrigin(cellNumber, text.lineIndex(source.offset())));
        Object value;
        try {
            value = fast.run(compiled);
        } catch (Throwable thrown) {
            throw new CellFailure(fastError(thrown));
        }
        if (compiled.kind() == FastCells.Kind.STATEMENT) {
            return Outcome.NONE;
        }
        if (compiled.kind() == FastCells.Kind.VALUE) {
            String name = resultNames.get();
            pending.add(name, value, compiled.valueType());
            results.add(name);
        }
        return endsWithSemicolon(text, source) ? Outcome.NONE : Outcome.of(value);
    }

    private CellError fastError(Throwable thrown) {
        if (control.stopRequested() || thrown instanceof CellInterruptedError) {
            return CellErrors.interrupted();
        }
        if (thrown instanceof SPIResolutionException unresolved) {
            Snippet snippet = fast.unresolved(unresolved);
            if (snippet instanceof DeclarationSnippet declaration) {
                return unresolved(declaration);
            }
        }
        SystemExitError exit = SystemExitError.reachedThrough(thrown);
        fast.translate(thrown);
        return CellErrors.runtime(exit == null ? thrown : exit, origins, cellNumber);
    }

    private void check(CellText text, SourceSnippet source, SnippetEvent event) throws CellFailure {
        Snippet snippet = event.snippet();
        switch (event.status()) {
            case REJECTED -> {
                List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
                throw new CellFailure(
                        CellErrors.compilation(
                                text, source.offset(), errors, results.hint(errors)));
            }
            case RECOVERABLE_NOT_DEFINED -> {
                DeclarationSnippet declaration = (DeclarationSnippet) snippet;
                List<String> missing = shell.unresolvedDependencies(declaration).toList();
                throw new CellFailure(
                        CellErrors.unresolved(text, source.offset(), declaration.name(), missing));
            }
            case RECOVERABLE_DEFINED -> {
                DeclarationSnippet declaration = (DeclarationSnippet) snippet;
                List<String> missing = shell.unresolvedDependencies(declaration).toList();
                System.err.println(
                        "note: "
                                + declaration.name()
                                + " cannot be used until "
                                + String.join(", ", missing)
                                + " is declared");
            }
            default -> {}
        }
        if (event.exception() != null) {
            throw new CellFailure(runtimeError(event.exception()));
        }
    }

    private CellError runtimeError(Exception exception) {
        if (control.stopRequested()) {
            return CellErrors.interrupted();
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return unresolved(unresolved.getSnippet());
        }
        if (control.lastFailure() instanceof CellInterruptedError) {
            return CellErrors.interrupted();
        }
        SystemExitError exit = SystemExitError.reachedThrough(control.lastFailure());
        return CellErrors.runtime(exit == null ? exception : exit, origins, cellNumber);
    }

    /** Returns the error for a call of {@code snippet} while it still misses declarations. */
    private CellError unresolved(DeclarationSnippet snippet) {
        List<String> missing = shell.unresolvedDependencies(snippet).toList();
        return CellErrors.simple(
                "UnresolvedReference",
                snippet.name()
                        + " cannot be invoked until "
                        + String.join(", ", missing)
                        + " is declared");
    }

    private Outcome runMagic(CellPart.Magic call, MagicContext context) throws CellFailure {
        MagicSpec.Kind kind = call.cell() ? MagicSpec.Kind.CELL : MagicSpec.Kind.LINE;
        MagicSpec spec = magics.find(call.name(), kind);
        if (spec == null) {
            throw new CellFailure(magicRuns.unknown(call.name(), kind));
        }
        Object value = magicRuns.run(spec, call, context, control);
        if (value instanceof PagerText text) {
            return Outcome.pager(text.text());
        }
        return value == null ? Outcome.NONE : Outcome.of(value);
    }

    /** Returns true when the user ended the snippet with ';', which hides its value. */
    private static boolean endsWithSemicolon(CellText text, SourceSnippet source) {
        String written = text.text().substring(source.offset(), source.offset() + source.length());
        return written.strip().endsWith(";");
    }

    private static boolean hasValue(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }
}
