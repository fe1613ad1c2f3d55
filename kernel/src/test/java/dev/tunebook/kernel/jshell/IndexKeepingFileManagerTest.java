package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexKeepingFileManagerTest {
    private final List<String> passedOn = Collections.synchronizedList(new ArrayList<>());

    @Test
    void passesARepeatedMultiReleaseValueOnOnceAndAChangedOneAgain() throws IOException {
        try (StandardJavaFileManager manager = new IndexKeepingFileManager(recording(javac()))) {
            assertTrue(manager.handleOption("--multi-release", List.of("17").iterator()));
            assertTrue(manager.handleOption("--multi-release", List.of("17").iterator()));
            assertTrue(manager.handleOption("--multi-release", List.of("9").iterator()));
            assertTrue(manager.handleOption("--multi-release", List.of("9").iterator()));
        }
        assertEquals(List.of("--multi-release 17", "--multi-release 9"), passedOn);
    }

    @Test
    void consumesTheValueOfAMultiReleaseItKeepsFromTheJavac() throws IOException {
        Iterator<String> arguments = List.of("17", "-g").iterator();
        try (StandardJavaFileManager manager = new IndexKeepingFileManager(recording(javac()))) {
            manager.handleOption("--multi-release", List.of("17").iterator());
            assertTrue(manager.handleOption("--multi-release", arguments));
        }
        assertEquals("-g", arguments.next());
    }

    @Test
    void aJShellPassesEachClasspathOnButTheMultiReleaseValueOnlyOnce() {
        try (JShell shell = shell()) {
            shell.addToClasspath(System.getProperty("java.io.tmpdir"));
            for (String snippet :
                    List.of("1 + 1", "int x = 2;", "x * 3", "String s = \"a\" + x;")) {
                assertTrue(shell.eval(snippet).stream().allMatch(e -> e.exception() == null));
            }
        }
        assertEquals(1, passedOn.stream().filter(o -> o.startsWith("--multi-release")).count());
        assertTrue(
                passedOn.stream().anyMatch(o -> o.startsWith("-classpath")), passedOn.toString());
    }

    @Test
    void aJarAddedAfterEarlierCellsIsFoundByLaterOnes(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("late.jar");
        try (JShell shell = shell()) {
            assertEquals("2", value(shell.eval("1 + 1")));
            assertEquals(
                    Snippet.Status.REJECTED, shell.eval("late.Greeting.HELLO").get(0).status());
            writeJar(jar, "late/Greeting.class", compiledGreeting(dir));
            shell.addToClasspath(jar.toString());
            assertEquals("\"hello\"", value(shell.eval("late.Greeting.HELLO")));
        }
    }

    private JShell shell() {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        return JShell.builder()
                .executionEngine("local")
                .out(discard)
                .err(discard)
                .fileManager(javac -> new IndexKeepingFileManager(recording(javac)))
                .build();
    }

    /** The real file manager, noting each option (with its first value) handed to it. */
    private StandardJavaFileManager recording(StandardJavaFileManager real) {
        return (StandardJavaFileManager)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {StandardJavaFileManager.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("handleOption")) {
                                List<String> values = new ArrayList<>();
                                ((Iterator<?>) args[1])
                                        .forEachRemaining(v -> values.add(String.valueOf(v)));
                                passedOn.add(args[0] + " " + String.join(" ", values));
                                args = new Object[] {args[0], values.iterator()};
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    private static StandardJavaFileManager javac() {
        return ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
    }

    private static String value(List<SnippetEvent> events) {
        return events.get(events.size() - 1).value();
    }

    private static byte[] compiledGreeting(Path dir) throws IOException {
        Path source = dir.resolve("src/late/Greeting.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                "package late; public class Greeting { public static String HELLO = \"hello\"; }");
        Path classes = dir.resolve("classes");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, status, "javac of " + source);
        return Files.readAllBytes(classes.resolve("late/Greeting.class"));
    }

    private static void writeJar(Path jar, String entry, byte[] content) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(content);
            out.closeEntry();
        }
    }
}
