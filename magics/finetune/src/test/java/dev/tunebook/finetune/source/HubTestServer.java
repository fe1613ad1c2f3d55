package dev.tunebook.finetune.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Serves local folders on 127.0.0.1 in the hub's URL layout: {@code /api/models/REPO/revision/REV}
 * lists the files, {@code /REPO/resolve/REV/FILE} serves small files directly and redirects {@code
 * .safetensors} files to {@code /blobs/SHA256} with {@code X-Linked-Etag}, as the hub does for LFS
 * files. Blobs honour Range requests. Faults can be injected per file.
 */
public final class HubTestServer implements AutoCloseable {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final HttpServer server;
    private final Map<String, Path> repos = new ConcurrentHashMap<>();
    private final Map<String, Path> blobs = new ConcurrentHashMap<>();

    /** Files whose next blob response stops after this many bytes. */
    final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();

    /** Files whose announced sha256 is wrong. */
    final List<String> lieAboutHash = new CopyOnWriteArrayList<>();

    /** When set, requests without {@code Authorization: Bearer TOKEN} get HTTP 401. */
    volatile String requiredToken;

    /** Every request: method, path, Range and Authorization headers. */
    final List<String> log = new CopyOnWriteArrayList<>();

    /** Starts a server on a free port of 127.0.0.1. */
    public HubTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns every request so far: method, path, Range and Authorization headers. */
    public List<String> requests() {
        return List.copyOf(log);
    }

    /** Returns the server's address, for {@code HF_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code folder} as the hub repository {@code repo} ({@code ORG/NAME}). */
    public void serve(String repo, Path folder) {
        repos.put(repo, folder);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        log.add(
                exchange.getRequestMethod()
                        + " "
                        + path
                        + " range="
                        + exchange.getRequestHeaders().getFirst("Range")
                        + " auth="
                        + exchange.getRequestHeaders().getFirst("Authorization"));
        try {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (requiredToken != null && !("Bearer " + requiredToken).equals(auth)) {
                send(exchange, 401, new byte[0]);
            } else if (path.startsWith("/api/models/")) {
                listing(exchange, path.substring("/api/models/".length()));
            } else if (path.startsWith("/blobs/")) {
                blob(exchange, path.substring("/blobs/".length()));
            } else {
                resolve(exchange, path.substring(1));
            }
        } finally {
            exchange.close();
        }
    }

    private void listing(HttpExchange exchange, String rest) throws IOException {
        String repo = rest.substring(0, rest.indexOf("/revision/"));
        Path folder = repos.get(repo);
        if (folder == null) {
            send(
                    exchange,
                    404,
                    "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode root = new ObjectMapper().createObjectNode().put("id", repo).put("sha", COMMIT);
        try (Stream<Path> files = Files.list(folder)) {
            files.sorted()
                    .forEach(
                            f ->
                                    root.withArray("siblings")
                                            .addObject()
                                            .put("rfilename", f.getFileName().toString()));
        }
        send(exchange, 200, new ObjectMapper().writeValueAsBytes(root));
    }

    private void resolve(HttpExchange exchange, String rest) throws IOException {
        int marker = rest.indexOf("/resolve/");
        Path folder = marker < 0 ? null : repos.get(rest.substring(0, marker));
        String afterRevision = marker < 0 ? "" : rest.substring(marker + "/resolve/".length());
        String name = afterRevision.substring(afterRevision.indexOf('/') + 1);
        Path file = folder == null ? null : folder.resolve(name);
        if (file == null || !Files.isRegularFile(file)) {
            send(exchange, 404, new byte[0]);
            return;
        }
        exchange.getResponseHeaders().add("X-Repo-Commit", COMMIT);
        if (!name.endsWith(".safetensors")) {
            exchange.getResponseHeaders().add("ETag", "\"" + "a".repeat(40) + "\"");
            send(exchange, 200, Files.readAllBytes(file));
            return;
        }
        String sha = HubFileFetcher.sha256(file);
        blobs.put(sha, file);
        String announced = lieAboutHash.contains(name) ? "f".repeat(64) : sha;
        exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + announced + "\"");
        exchange.getResponseHeaders().add("X-Linked-Size", Long.toString(Files.size(file)));
        exchange.getResponseHeaders().add("Location", "/blobs/" + sha);
        exchange.sendResponseHeaders(302, -1);
    }

    private void blob(HttpExchange exchange, String sha) throws IOException {
        Path file = blobs.get(sha);
        byte[] bytes = Files.readAllBytes(file);
        String range = exchange.getRequestHeaders().getFirst("Range");
        int start = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        if (range != null) {
            exchange.getResponseHeaders()
                    .add(
                            "Content-Range",
                            "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, bytes.length - start);
        Integer cut = cutAfter.remove(file.getFileName().toString());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, start, cut == null ? bytes.length - start : cut);
            if (cut != null) {
                out.flush();
                throw new IOException("connection cut by the test");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
