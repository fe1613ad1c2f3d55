package dev.tunebook.kernel.magic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real jars and a file-based Maven repository for magic tests. */
final class TestJars {
    private TestJars() {}

    /** Compiles {@code source} (a public class {@code className}) into {@code jar}. */
    static Path jar(Path work, String className, String source, Path jar) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        Path file = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), file.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed for " + className);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * Publishes a jar and its pom into the Maven repository layout under {@code repo}.
     *
     * @param dependencies coordinates G:A:V this artifact depends on (compile scope)
     */
    static void publish(
            Path repo, String g, String a, String v, Path jar, List<String> dependencies)
            throws IOException {
        Path dir = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v);
        Files.createDirectories(dir);
        StringBuilder deps = new StringBuilder();
        for (String d : dependencies) {
            String[] p = d.split(":");
            deps.append("<dependency><groupId>")
                    .append(p[0])
                    .append("</groupId><artifactId>")
                    .append(p[1])
                    .append("</artifactId><version>")
                    .append(p[2])
                    .append("</version></dependency>");
        }
        String pom =
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                        + "<groupId>"
                        + g
                        + "</groupId><artifactId>"
                        + a
                        + "</artifactId>"
                        + "<version>"
                        + v
                        + "</version><dependencies>"
                        + deps
                        + "</dependencies></project>";
        write(dir.resolve(a + "-" + v + ".pom"), pom.getBytes(StandardCharsets.UTF_8));
        write(dir.resolve(a + "-" + v + ".jar"), Files.readAllBytes(jar));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        try (OutputStream out = Files.newOutputStream(Path.of(file + ".sha1"))) {
            out.write(sha1(bytes).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
