package dev.tunebook.kernel.magic;

import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.ExtensionContext;
import dev.tunebook.kernel.KernelExtension;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;

/**
 * The magics every session has, registered through the same {@link ExtensionContext} that
 * extensions use (so an extension may replace one).
 */
public final class CoreMagics implements KernelExtension {
    private final MagicHost host;
    private final EnvMagic env = new EnvMagic();

    /** Creates the core magics of the session behind {@code host}. */
    public CoreMagics(MagicHost host) {
        this.host = host;
    }

    @Override
    public void register(ExtensionContext context) {
        new MavenMagics(host.mavenLocalRepository(), host.mavenSettings())
                .specs()
                .forEach(context::addMagic);
        FileMagics.specs().forEach(context::addMagic);
        new TimeMagic(host).specs().forEach(context::addMagic);
        context.addMagic(env.spec());
        context.addMagic(MagicSpec.line("lsmagic", LS_USAGE, (args, body, ctx) -> lsmagic()));
        context.addMagic(MagicSpec.line("help", HELP_USAGE, (args, body, ctx) -> help(args)));
        context.addMagic(
                MagicSpec.cell(
                        "html",
                        "%%html\nDisplays the cell body as HTML (text/html).",
                        (args, body, ctx) -> show(new MimeBundle().text(body).html(body))));
        context.addMagic(
                MagicSpec.cell(
                        "markdown",
                        "%%markdown\nDisplays the cell body as Markdown.",
                        (args, body, ctx) -> show(new MimeBundle().text(body).markdown(body))));
    }

    /**
     * Publishes {@code bundle} as {@code display_data} and returns no value: the cell shows it
     * without an {@code Out[n]}, as IPython's {@code %%html} does and Jupyter's conformance suite
     * expects.
     */
    private static Object show(MimeBundle bundle) {
        Display.display(bundle);
        return null;
    }

    private static final String LS_USAGE =
            "%lsmagic\nLists every line and cell magic with its synopsis.";
    private static final String HELP_USAGE =
            "%help NAME\n"
                    + "Shows the usage of magic NAME (%NAME or %%NAME) or the documentation of a Java\n"
                    + "name (a class, or a method such as Math.max) in the pager. NAME? and ?NAME do the\n"
                    + "same.";

    private Object lsmagic() {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<table>");
        for (MagicSpec spec : host.magics().all()) {
            String name = (spec.kind() == MagicSpec.Kind.CELL ? "%%" : "%") + spec.name();
            text.append(String.format("%-14s %s%n", name, spec.synopsis()));
            // Inline, as front ends right-align table cells and some drop <style> elements.
            html.append("<tr><td style=\"text-align:left\"><code>")
                    .append(escape(name))
                    .append("</code></td><td style=\"text-align:left\"><code>")
                    .append(escape(spec.synopsis()))
                    .append("</code></td></tr>");
        }
        return new MimeBundle().text(text.toString().stripTrailing()).html(html + "</table>");
    }

    private Object help(String args) {
        if (args.isBlank() || args.contains(" ")) {
            throw new MagicUsageException("give one magic or Java name");
        }
        String text = host.help(args);
        return new PagerText(text);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Returns the {@code %env} magic, whose overlay holds the variables set in this session. */
    public EnvMagic env() {
        return env;
    }
}
