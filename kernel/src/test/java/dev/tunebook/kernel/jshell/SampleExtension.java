package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.ExtensionContext;
import dev.tunebook.kernel.Interrupts;
import dev.tunebook.kernel.KernelExtension;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MimeBundle;
import java.util.List;

/** A test extension that exercises every part of the SPI and of MagicContext. */
public final class SampleExtension implements KernelExtension {
    /** A value type with its own renderer. */
    public record Sample(String name) {}

    /** Reachable from cells through the extension's static import. */
    public static String sampleGreeting() {
        return "hello from the extension";
    }

    @Override
    public void register(ExtensionContext context) {
        context.addStartupImport("static dev.tunebook.kernel.jshell.SampleExtension.*");
        context.addStartupImport("no.such.pkg.*");
        context.addRenderer(
                Sample.class,
                s -> new MimeBundle().text(s.name()).html("<em>" + s.name() + "</em>"));
        context.addMagic(
                MagicSpec.line(
                        "bindsample",
                        "%bindsample NAME\nBinds a list to NAME.",
                        (args, body, ctx) -> {
                            ctx.bind(args, List.class, List.of("a", "b"));
                            return null;
                        }));
        context.addMagic(
                MagicSpec.line(
                        "waitsample",
                        "%waitsample NAME\nWaits for an interrupt, then binds \"saved\" to NAME.",
                        (args, body, ctx) -> {
                            CellSignal.reached();
                            while (!Interrupts.requested()) {
                                Thread.onSpinWait();
                            }
                            ctx.bind(args, String.class, "saved");
                            return "stopped cleanly";
                        }));
        context.addMagic(
                MagicSpec.line(
                        "lookupsample",
                        "%lookupsample NAME\nReturns the value of NAME.",
                        (args, body, ctx) -> ctx.lookup(args)));
        context.addMagic(
                MagicSpec.cell(
                        "evalsample",
                        "%%evalsample\nEvaluates the body and wraps its value.",
                        (args, body, ctx) ->
                                "<"
                                        + ctx.eval(body)
                                        + "> in "
                                        + ctx.workingDirectory().getFileName()));
        context.addMagic(
                MagicSpec.line(
                        "lsmagic",
                        "%lsmagic\nReplaced by the sample extension.",
                        (args, body, ctx) -> "replaced"));
    }
}
