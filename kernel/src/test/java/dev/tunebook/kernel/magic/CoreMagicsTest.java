package dev.tunebook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.JShellSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreMagicsTest {
    @TempDir static Path work;
    private static JShellSession session;

    @BeforeAll
    static void start() throws Exception {
        session =
                JShellSession.builder()
                        .optWorkingDirectory(work)
                        .optMavenLocalRepository(work.resolve("m2"))
                        .optMavenSettings(
                                new MavenSettingsFiles(
                                        work.resolve("settings.xml"),
                                        null,
                                        work.resolve("settings-security.xml")))
                        .optRenderers(new RendererRegistry())
                        .build();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    /** Returns what {@code run} printed to System.out. */
    static String printed(Supplier<CellResult> run, CellResult[] result) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            result[0] = run.get();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static CellResult ok(String code) {
        CellResult result = session.execute(code);
        assertNull(result.error(), () -> code + " failed: " + result.error());
        return result;
    }

    @Test
    void everyCoreMagicIsRegisteredWithASynopsis() {
        List<String> names =
                session.magics().stream()
                        .map(m -> (m.kind() == MagicSpec.Kind.CELL ? "%%" : "%") + m.name())
                        .toList();
        assertTrue(
                names.containsAll(
                        List.of(
                                "%lsmagic",
                                "%help",
                                "%maven",
                                "%mavenRepo",
                                "%classpath",
                                "%load",
                                "%time",
                                "%%time",
                                "%%html",
                                "%%markdown",
                                "%env")),
                names.toString());
        for (MagicSpec spec : session.magics()) {
            assertTrue(spec.synopsis().contains(spec.name()), spec.synopsis());
        }
    }

    @Test
    void lsmagicListsMagicsAsTextAndHtml() {
        CellResult result = ok("%lsmagic");
        assertTrue(result.value().plainText().contains("%%markdown"));
        String html = result.value().get("text/html").toString();
        assertTrue(html.contains("<td style=\"text-align:left\"><code>%maven</code>"), html);
    }

    @Test
    void helpGoesToThePager() {
        assertTrue(ok("%help maven").pager().startsWith("%maven\n\n%maven GROUP:ARTIFACT"));
        assertTrue(ok("%maven?").pager().contains("Maven Central"));
        assertTrue(ok("?%%time").pager().startsWith("%%time"));
        assertTrue(ok("%help String").pager().contains("String"));
    }

    @Test
    void unknownMagicListsCloseNames() {
        CellResult result = session.execute("%mavne a:b:1");
        assertEquals("UnknownMagic", result.error().ename());
        assertTrue(
                result.error().evalue().contains("Did you mean %maven?"), result.error().evalue());
    }

    @Test
    void badArgumentsPrintTheUsage() {
        CellResult result = session.execute("%mavenRepo only-an-id");
        assertEquals("UsageError", result.error().ename());
        assertTrue(
                String.join("\n", result.error().traceback()).contains("Usage: %mavenRepo ID URL"));
        assertEquals("UsageError", session.execute("%help").error().ename());
    }

    @Test
    void htmlAndMarkdownCellMagicsPublishDisplayData() {
        List<MimeBundle> shown = new ArrayList<>();
        Display.install(
                new DisplaySink() {
                    @Override
                    public void display(MimeBundle bundle, String displayId) {
                        shown.add(bundle);
                    }

                    @Override
                    public void update(MimeBundle bundle, String displayId) {}

                    @Override
                    public void clearOutput(boolean wait) {}
                },
                session.renderers());
        try {
            assertNull(ok("%%html\n<b>x</b>\n").value(), "no execute_result");
            assertNull(ok("%%markdown\n# T").value(), "no execute_result");
        } finally {
            Display.install(null, new RendererRegistry());
        }
        assertEquals(2, shown.size());
        assertEquals("<b>x</b>\n", shown.get(0).get("text/html"));
        assertEquals("# T", shown.get(1).get("text/markdown"));
    }

    @Test
    void timePrintsWallAndCpuTimeAndKeepsTheValue() {
        CellResult[] result = new CellResult[1];
        String out = printed(() -> session.execute("%time 6 * 7"), result);
        assertEquals("42", result[0].value().plainText());
        assertTrue(out.matches("(?s)Wall time: .+, CPU time: .+\\R"), out);
        out = printed(() -> session.execute("%%time\nint timed = 5;\ntimed + 1"), result);
        assertEquals("6", result[0].value().plainText());
        assertTrue(out.contains("Wall time: "), out);
        assertEquals("5", ok("timed").value().plainText());
    }

    @Test
    void timeReportsTheErrorOfItsCode() {
        CellResult result = session.execute("%time Integer.parseInt(\"no\")");
        assertEquals("java.lang.NumberFormatException", result.error().ename());
    }

    @Test
    void envListsGetsAndSetsAnOverlay() {
        CellResult[] result = new CellResult[1];
        String out = printed(() -> session.execute("%env TUNEBOOK_TEST_VAR=on"), result);
        assertNull(result[0].error());
        assertTrue(out.contains("TUNEBOOK_TEST_VAR=on"));
        assertEquals("on", ok("%env TUNEBOOK_TEST_VAR").value().plainText());
        assertTrue(
                ok("%env")
                        .value()
                        .plainText()
                        .contains("TUNEBOOK_TEST_VAR=on   (session overlay)"));
        assertNull(System.getenv("TUNEBOOK_TEST_VAR"));
        assertEquals(
                "UsageError", session.execute("%env NO_SUCH_VAR_SET_ANYWHERE").error().ename());
    }

    @Test
    void lineMagicsRunBetweenJavaSnippets() {
        CellResult result = ok("int before = 1;\n%env MIXED=yes\nbefore + 1");
        assertEquals("2", result.value().plainText());
    }

    @Test
    void loadRunsAFileAndReturnsItsLastValue() throws Exception {
        Files.writeString(
                work.resolve("helpers.jsh"), "int triple(int x) { return 3 * x; }\ntriple(4)\n");
        assertEquals("12", ok("%load helpers.jsh").value().plainText());
        assertEquals("9", ok("triple(3)").value().plainText());
        assertEquals("UsageError", session.execute("%load missing.jsh").error().ename());
        Files.writeString(
                work.resolve("Shapes.java"),
                "// shapes\npackage demo.shapes;\n\npublic class Square {\n"
                        + "  public static int area(int s) { return s * s; }\n}\n");
        ok("%load Shapes.java");
        assertEquals("16", ok("Square.area(4)").value().plainText());
    }

    @Test
    void classpathAddsJarsByGlob() throws Exception {
        Path lib = work.resolve("lib");
        TestJars.jar(
                work,
                "cp.Greeter",
                "package cp; public class Greeter { public static String hi() { return \"hi\"; } }",
                lib.resolve("greeter.jar"));
        ok("%classpath lib/*.jar");
        assertEquals("hi", ok("cp.Greeter.hi()").value().plainText());
        assertEquals("UsageError", session.execute("%classpath nothing/*.jar").error().ename());
    }

    @Test
    void mavenResolvesTransitivelyFromAFileRepository() throws Exception {
        Path repo = work.resolve("repo");
        Path depJar =
                TestJars.jar(
                        work,
                        "tiny.dep.Dep",
                        "package tiny.dep; public class Dep { public static int n() { return 7; } }",
                        work.resolve("jars/dep.jar"));
        Path mainJar =
                TestJars.jar(
                        work,
                        "tiny.Tiny",
                        "package tiny; public class Tiny { public static String hello() { return \"tiny\"; } }",
                        work.resolve("jars/tiny.jar"));
        TestJars.publish(repo, "dev.tunebook.test", "tiny-dep", "1.0", depJar, List.of());
        TestJars.publish(
                repo,
                "dev.tunebook.test",
                "tiny",
                "1.0",
                mainJar,
                List.of("dev.tunebook.test:tiny-dep:1.0"));
        CellResult[] result = new CellResult[1];
        String out =
                printed(
                        () ->
                                session.execute(
                                        "%mavenRepo local "
                                                + repo.toUri()
                                                + "\n%maven dev.tunebook.test:tiny:1.0"),
                        result);
        assertNull(result[0].error(), () -> String.valueOf(result[0].error()));
        assertTrue(out.contains("Added dev.tunebook.test:tiny:jar:1.0"), out);
        assertTrue(out.contains("Added dev.tunebook.test:tiny-dep:jar:1.0"), out);
        assertEquals(
                "tiny 7", ok("tiny.Tiny.hello() + \" \" + tiny.dep.Dep.n()").value().plainText());
        assertTrue(Files.exists(work.resolve("m2/dev/tunebook/test/tiny/1.0/tiny-1.0.jar")));
        // Cached artifacts resolve without the repository (offline).
        try (var files = Files.walk(repo)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertNull(session.execute("%maven dev.tunebook.test:tiny:1.0").error());
    }

    @Test
    void mavenSaysWhichSettingsItUsed() throws Exception {
        Path repo = work.resolve("corp-repo");
        Path jar =
                TestJars.jar(
                        work,
                        "corp.Corp",
                        "package corp; public class Corp { public static int n() { return 3; } }",
                        work.resolve("jars/corp.jar"));
        TestJars.publish(repo, "dev.tunebook.test", "corp", "1.0", jar, List.of());
        Path settings = work.resolve("settings.xml");
        Files.writeString(
                settings,
                "<settings><profiles><profile><id>corp</id><activation><activeByDefault>true"
                        + "</activeByDefault></activation><repositories><repository><id>corp"
                        + "</id><url>"
                        + repo.toUri()
                        + "</url></repository></repositories></profile></profiles></settings>");
        try {
            CellResult[] result = new CellResult[1];
            String out =
                    printed(() -> session.execute("%maven dev.tunebook.test:corp:1.0"), result);
            assertNull(result[0].error(), () -> String.valueOf(result[0].error()));
            assertTrue(
                    out.startsWith(
                            "using repository corp (" + repo.toUri() + ") from " + settings + "\n"),
                    out);
            assertEquals("3", ok("corp.Corp.n()").value().plainText());
        } finally {
            Files.delete(settings);
        }
    }

    @Test
    void aBrokenSettingsFileFailsMavenWithItsLineAndNothingElse() throws Exception {
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings>\n  <offline>true</offline>\n  <mirrors>\n");
        try {
            CellResult result = session.execute("%maven dev.tunebook.test:tiny:1.0");
            assertEquals(MavenSettingsException.class.getName(), result.error().ename());
            assertTrue(
                    result.error().evalue().startsWith("%maven: Maven settings cannot be used: "),
                    result.error().evalue());
            assertTrue(
                    result.error().evalue().contains(settings + " line 4"),
                    result.error().evalue());
            assertEquals("2", ok("%time 1 + 1").value().plainText());
        } finally {
            Files.delete(settings);
        }
    }

    @Test
    void mavenRejectsMalformedCoordinates() {
        assertEquals("UsageError", session.execute("%maven just-a-name").error().ename());
    }
}
