package dev.tunebook.kernel.magic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Serves a Maven repository folder over HTTP on 127.0.0.1 under {@code /maven2/}, asking for Basic
 * credentials when given some, and records every request. As an HTTP proxy it serves the same files
 * for any host.
 *
 * <p>Thread-safe.
 */
final class TestRepositoryServer implements AutoCloseable {
    /** A request the server saw: its URI as sent and its credential headers (or null). */
    record Request(String uri, String authorization, String proxyAuthorization, String token) {}

    private final HttpServer server;
    private final Path root;
    private final String expected;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    /** Starts a server of {@code root}; null credentials let every request in. */
    TestRepositoryServer(Path root, String user, String password) throws IOException {
        this.root = root;
        this.expected =
                user == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user + ":" + password)
                                                        .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns the repository URL. */
    String url() {
        return "http://127.0.0.1:" + port() + "/maven2/";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Returns the requests seen so far. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        String authorization = headers.getFirst("Authorization");
        requests.add(
                new Request(
                        exchange.getRequestURI().toString(),
                        authorization,
                        headers.getFirst("Proxy-Authorization"),
                        headers.getFirst("X-Token")));
        try (exchange) {
            if (expected != null && !expected.equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath().replaceFirst("^/maven2/", "");
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
