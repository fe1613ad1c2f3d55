package dev.tunebook.kernel.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.kernel.jshell.ExitAgent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelspecTest {
    @TempDir Path dir;

    @Test
    void writesKernelJsonAndLogosIntoThePrefix() throws IOException {
        Kernelspec spec =
                Kernelspec.builder()
                        .optName("tb-test")
                        .optDisplayName("Java (test)")
                        .optInterruptMode("message")
                        .optJava("/opt/jdk/bin/java")
                        .optClasspath("a.jar")
                        .optJvmOption("-Xmx2g")
                        .build();
        Path written = spec.writeTo(KernelspecTarget.prefix(dir));
        assertEquals(dir.resolve("share/jupyter/kernels/tb-test"), written);
        JsonNode json = new ObjectMapper().readTree(written.resolve("kernel.json").toFile());
        assertEquals("java", json.get("language").asText());
        assertEquals("Java (test)", json.get("display_name").asText());
        assertEquals("message", json.get("interrupt_mode").asText());
        JsonNode argv = json.get("argv");
        assertEquals("/opt/jdk/bin/java", argv.get(0).asText());
        Path agent = written.resolve("tunebook-agent.jar");
        assertEquals("-javaagent:" + agent, argv.get(1).asText());
        int defaults = Kernelspec.DEFAULT_JVM_OPTIONS.size();
        for (int i = 0; i < defaults; i++) {
            assertEquals(Kernelspec.DEFAULT_JVM_OPTIONS.get(i), argv.get(2 + i).asText());
        }
        assertEquals("-Xmx2g", argv.get(2 + defaults).asText(), "the user's options come last");
        assertEquals(Path.of("a.jar").toAbsolutePath().toString(), argv.get(4 + defaults).asText());
        try (JarFile jar = new JarFile(agent.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals(ExitAgent.class.getName(), manifest.getValue("Premain-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
        }
        assertEquals("{connection_file}", argv.get(argv.size() - 1).asText());
        assertEquals("kernel", argv.get(argv.size() - 2).asText());
        for (int size : new int[] {32, 64}) {
            byte[] png = Files.readAllBytes(written.resolve("logo-" + size + "x" + size + ".png"));
            assertArrayEquals(
                    new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(size, image.getWidth());
            assertEquals(size, image.getHeight());
        }
    }

    @Test
    void reinstallReplacesTheOldSpec() throws IOException {
        Path kernels = KernelspecTarget.prefix(dir);
        Kernelspec.builder().optDisplayName("old").build().writeTo(kernels);
        Path written = Kernelspec.builder().optDisplayName("new").build().writeTo(kernels);
        assertTrue(Files.readString(written.resolve("kernel.json")).contains("\"new\""));
        try (var entries = Files.list(kernels)) {
            assertEquals(1, entries.count(), "no temporary directory left behind");
        }
    }

    @Test
    void rejectsBadNamesAndModes() {
        assertThrows(
                IllegalArgumentException.class, () -> Kernelspec.builder().optName("a b").build());
        assertThrows(
                IllegalArgumentException.class, () -> Kernelspec.builder().optInterruptMode("x"));
    }
}
