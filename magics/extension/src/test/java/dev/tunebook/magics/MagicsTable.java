package dev.tunebook.magics;

import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.JShellSession;
import java.util.List;

/**
 * The README's magics table, generated from every registered {@link MagicSpec} (the kernel's core
 * magics and the extensions ServiceLoader finds). {@link #main} prints it, markers included, for
 * pasting into README.md.
 */
final class MagicsTable {
    static final String BEGIN = "<!-- magics:begin -->";
    static final String END = "<!-- magics:end -->";

    private MagicsTable() {}

    /** Prints the table between its markers. */
    public static void main(String[] args) {
        System.out.println(BEGIN + "\n" + generate() + END);
    }

    /** Returns the Markdown table of every magic a session has: name and synopsis. */
    static String generate() {
        List<MagicSpec> magics;
        try (JShellSession session =
                JShellSession.builder().optRenderers(new RendererRegistry()).build()) {
            magics = session.magics();
        }
        StringBuilder table = new StringBuilder("| magic | synopsis |\n| --- | --- |\n");
        for (MagicSpec spec : magics) {
            String name = (spec.kind() == MagicSpec.Kind.CELL ? "%%" : "%") + spec.name();
            table.append("| `")
                    .append(name)
                    .append("` | `")
                    .append(spec.synopsis().replace("|", "\\|"))
                    .append("` |\n");
        }
        return table.toString();
    }
}
