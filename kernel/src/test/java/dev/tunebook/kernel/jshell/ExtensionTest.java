package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.KernelExtension;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads {@link SampleExtension} through ServiceLoader, as the magics module is loaded. */
class ExtensionTest {
    @TempDir static Path work;
    private static JShellSession session;
    private static final List<String> shown = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path services = work.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(
                services.resolve(KernelExtension.class.getName()), SampleExtension.class.getName());
        ClassLoader loader =
                new URLClassLoader(
                        new URL[] {work.toUri().toURL()}, ExtensionTest.class.getClassLoader());
        session =
                JShellSession.builder()
                        .optExtensionClassLoader(loader)
                        .optRenderers(new RendererRegistry())
                        .optWorkingDirectory(work)
                        .build();
    }

    @AfterAll
    static void stop() {
        Display.install(null, new RendererRegistry());
        session.close();
    }

    static CellResult ok(String code) {
        CellResult result = session.execute(code);
        assertNull(result.error(), () -> code + " failed: " + result.error());
        return result;
    }

    @Test
    void aMagicThatStopsCleanlyOnAnInterruptBindsItsResultAndTheCellEndsInterrupted()
            throws Exception {
        CellSignal.reset();
        CompletableFuture<CellResult> cell =
                CompletableFuture.supplyAsync(() -> session.execute("%waitsample kept"));
        CellSignal.await();
        session.interrupt();
        CellResult result = cell.get(60, TimeUnit.SECONDS);
        assertEquals("Interrupted", result.error().ename());
        assertEquals("saved", session.execute("kept").value().plainText());
    }

    @Test
    void startupImportsAreApplied() {
        assertEquals("hello from the extension", ok("sampleGreeting()").value().plainText());
    }

    @Test
    void renderersApplyToCellValues() {
        CellResult result = ok("new dev.tunebook.kernel.jshell.SampleExtension.Sample(\"s\")");
        assertEquals("<em>s</em>", result.value().get("text/html"));
    }

    @Test
    void extensionMagicReplacesCoreMagic() {
        assertEquals("replaced", ok("%lsmagic").value().plainText());
    }

    @Test
    void bindCreatesATypedNotebookVariable() {
        ok("%bindsample letters");
        assertEquals("2", ok("letters.size()").value().plainText());
        assertEquals("[a, b]", ok("%lookupsample letters").value().plainText());
    }

    @Test
    void lookupOfUndefinedIsNull() {
        assertNull(ok("%lookupsample neverDefined").value());
    }

    @Test
    void lookupSeesTheCurrentValue() {
        ok("int changing = 1;\nchanging = 5;");
        assertEquals("5", ok("%lookupsample changing").value().plainText());
    }

    @Test
    void evalRunsCodeAndErrorsPropagate() {
        String expected = "<3> in " + work.getFileName();
        assertEquals(expected, ok("%%evalsample\nint e = 1;\ne + 2").value().plainText());
        CellResult failed = session.execute("%%evalsample\nint bad = missingName;");
        assertEquals("CompilationError", failed.error().ename());
        assertTrue(
                failed.error().evalue().startsWith("line 1, column 11"), failed.error().evalue());
    }

    @Test
    void displayApiReachesTheInstalledSink() {
        Display.install(
                new DisplaySink() {
                    @Override
                    public void display(MimeBundle bundle, String displayId) {
                        shown.add("display " + bundle.data());
                    }

                    @Override
                    public void update(MimeBundle bundle, String displayId) {
                        shown.add("update " + bundle.plainText());
                    }

                    @Override
                    public void clearOutput(boolean wait) {
                        shown.add("clear " + wait);
                    }
                },
                session.renderers());
        try {
            ok(
                    "String id = display(new dev.tunebook.kernel.jshell.SampleExtension.Sample(\"d\"));\n"
                            + "updateDisplay(id, \"later\");\nclearOutput();\nmarkdown(\"*m*\");");
        } finally {
            Display.install(null, new RendererRegistry());
        }
        assertEquals(
                List.of(
                        "display {text/plain=d, text/html=<em>d</em>}",
                        "update later",
                        "clear false",
                        "display {text/plain=*m*, text/markdown=*m*}"),
                shown);
    }
}
