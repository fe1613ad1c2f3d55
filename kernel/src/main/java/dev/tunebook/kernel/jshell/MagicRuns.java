package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.magic.CellPart;
import dev.tunebook.kernel.magic.MagicRegistry;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs magics on the cell execution thread and turns their failures into the errors a notebook
 * shows: bad arguments print the usage, unknown names list the close ones. Also answers help
 * requests for magic and Java names.
 */
final class MagicRuns {
    private final MagicRegistry magics;
    private final Function<String, String> javaDocumentation;

    MagicRuns(MagicRegistry magics, Function<String, String> javaDocumentation) {
        this.magics = magics;
        this.javaDocumentation = javaDocumentation;
    }

    /** Runs {@code spec} for {@code call} and returns its value. */
    Object run(
            MagicSpec spec,
            CellPart.Magic call,
            MagicContext context,
            SnippetExecutionControl control)
            throws CellFailure {
        try {
            return control.runOnExecutionThread(
                    () -> spec.magic().run(call.args(), call.body(), context));
        } catch (CellFailure e) {
            throw e;
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            if (control.stopRequested()) {
                throw new CellFailure(CellErrors.interrupted());
            }
            throw new CellFailure(
                    cause instanceof IllegalArgumentException bad
                            ? usageError(spec, bad)
                            : failure(spec, cause));
        }
    }

    /** Returns the help text for a magic name (with or without {@code %}) or a Java name. */
    String help(String name) {
        String bare = name.replaceFirst("^%+", "");
        MagicSpec spec = name.startsWith("%%") ? magics.find(bare, MagicSpec.Kind.CELL) : null;
        if (spec == null && (name.startsWith("%") || !bare.contains("."))) {
            spec = magics.findAny(bare);
        }
        if (spec != null) {
            return usage(spec);
        }
        String documentation = name.startsWith("%") ? null : javaDocumentation.apply(bare);
        return documentation != null ? documentation : "No magic or Java documentation for " + name;
    }

    /** Returns the error for a magic name that is not registered. */
    CellError unknown(String name, MagicSpec.Kind kind) {
        String prefix = kind == MagicSpec.Kind.CELL ? "%%" : "%";
        List<String> close = new ArrayList<>();
        for (String candidate : magics.closeNames(name, kind)) {
            close.add(prefix + candidate);
        }
        String message =
                "Unknown magic "
                        + prefix
                        + name
                        + "."
                        + (close.isEmpty() ? "" : " Did you mean " + String.join(", ", close) + "?")
                        + " %lsmagic lists every magic.";
        return CellErrors.simple("UnknownMagic", message);
    }

    /** Returns the usage of {@code spec} with its name written as in a cell. */
    static String usage(MagicSpec spec) {
        return (spec.kind() == MagicSpec.Kind.CELL ? "%%" : "%")
                + spec.name()
                + "\n\n"
                + spec.usage();
    }

    private static CellError usageError(MagicSpec spec, IllegalArgumentException e) {
        String name = (spec.kind() == MagicSpec.Kind.CELL ? "%%" : "%") + spec.name();
        String message = name + ": " + e.getMessage();
        List<String> traceback = new ArrayList<>();
        traceback.add("UsageError: " + message);
        traceback.add("");
        traceback.add("Usage: " + spec.usage().replace("\n", "\n       "));
        return new CellError("UsageError", message, traceback);
    }

    private static CellError failure(MagicSpec spec, Throwable cause) {
        if (cause instanceof CellInterruptedError) {
            return CellErrors.interrupted();
        }
        CellError error = CellErrors.runtime(cause, Map.of(), -1);
        String name = (spec.kind() == MagicSpec.Kind.CELL ? "%%" : "%") + spec.name();
        List<String> traceback = new ArrayList<>(error.traceback());
        traceback.set(0, name + " failed: " + traceback.get(0));
        return new CellError(error.ename(), name + ": " + error.evalue(), traceback);
    }
}
