package dev.tunebook.magics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Jupyter Notebook 6 ({@code /usr/bin/python3 -m notebook}) on a free local port with a
 * random token, serving one folder, with its Jupyter paths in a scratch folder. {@link #close()}
 * stops it and every process it started (the kernels), also those it left behind.
 */
final class NotebookServer implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private final Process process;
    private final Path log;
    private final int port;
    private final String token = UUID.randomUUID().toString().replace("-", "");

    /**
     * Starts the server on {@code notebooks}; {@code jupyter} holds the kernelspecs under
     * share/jupyter and takes the server's data, config and runtime files; {@code env} is added to
     * the server's (and so the kernels') environment.
     */
    NotebookServer(Path notebooks, Path jupyter, Map<String, String> env) throws Exception {
        this.port = freePort();
        this.log = jupyter.resolve("notebook.log");
        ProcessBuilder builder =
                new ProcessBuilder(
                                List.of(
                                        "/usr/bin/python3",
                                        "-m",
                                        "notebook",
                                        "--no-browser",
                                        "--ip=127.0.0.1",
                                        "--port=" + port,
                                        "--port-retries=0",
                                        // CI containers run as root, which Notebook refuses.
                                        "--allow-root",
                                        "--NotebookApp.token=" + token,
                                        "--notebook-dir=" + notebooks))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("JUPYTER_PATH", jupyter.resolve("share/jupyter").toString());
        environment.put("JUPYTER_DATA_DIR", jupyter.resolve("data").toString());
        environment.put("JUPYTER_CONFIG_DIR", jupyter.resolve("config").toString());
        environment.put("JUPYTER_RUNTIME_DIR", jupyter.resolve("runtime").toString());
        environment.putAll(env);
        this.process = builder.start();
        awaitReady();
    }

    /** Returns the base URL, without a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Returns the token the server requires. */
    String token() {
        return token;
    }

    /** Returns what the server and its kernels printed so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot read " + log + ": " + e;
        }
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest status =
                HttpRequest.newBuilder(URI.create(url() + "/api/status?token=" + token))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Jupyter Notebook exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        close();
        throw new IllegalStateException(
                "Jupyter Notebook did not answer on "
                        + url()
                        + " within "
                        + START_LIMIT
                        + ":\n"
                        + log());
    }

    @Override
    public void close() throws InterruptedException {
        // Kernels outlive a killed server, so they are collected before it stops.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy(); // SIGTERM: the server shuts its kernels down
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
