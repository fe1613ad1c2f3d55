package dev.tunebook.finetune.source;

import dev.tunebook.finetune.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Downloads one file over HTTP as the Hugging Face hub serves it: resumable (a partial download
 * stays in {@code FILE.incomplete} and continues with a Range request), checked against the sha256
 * the hub announces for LFS files ({@code X-Linked-Etag}), and moved into place only when complete.
 * Redirects are followed by hand so the hub's headers are seen and the token is not sent to other
 * hosts.
 */
final class HubFileFetcher {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_REDIRECTS = 5;
    private static final int BUFFER = 1 << 16;

    private final HttpClient client;
    private final URI endpoint;
    private final String token;

    HubFileFetcher(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
        this.client =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(20))
                        .build();
    }

    /** Returns the response to a GET of {@code url}, following redirects; body as a stream. */
    HttpResponse<InputStream> get(URI url, long from, String[] linkedEtag) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET();
            if (token != null && !token.isEmpty() && sameHost(current)) {
                request.header("Authorization", "Bearer " + token);
            }
            if (from > 0) {
                request.header("Range", "bytes=" + from + "-");
            }
            HttpResponse<InputStream> response = send(request.build());
            response.headers().firstValue("X-Linked-Etag").ifPresent(v -> linkedEtag[0] = v);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 != 3 || location.isEmpty()) {
                return response;
            }
            response.body().close();
            current = current.resolve(location.get());
        }
        throw new ModelSourceException(url + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private boolean sameHost(URI url) {
        return endpoint.getHost() != null
                && endpoint.getHost().equalsIgnoreCase(url.getHost())
                && endpoint.getPort() == url.getPort();
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnknownHostException
                    || e.getCause() instanceof ConnectException) {
                throw unreachable(e);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("download interrupted");
        }
    }

    /** Returns the error for an endpoint that cannot be reached. */
    ModelSourceException unreachable(Exception cause) {
        return new ModelSourceException(
                "cannot reach HF_ENDPOINT "
                        + endpoint
                        + " ("
                        + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        + "); set HF_ENDPOINT or download the folder and use a local path",
                cause);
    }

    /**
     * Downloads {@code url} to {@code target}, resuming {@code target.incomplete} if present.
     *
     * @return false if the server has no such file (404)
     */
    boolean fetch(URI url, Path target, String name, DownloadProgress progress) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".incomplete");
        Files.createDirectories(target.getParent());
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        String[] linkedEtag = {null};
        HttpResponse<InputStream> response = get(url, have, linkedEtag);
        int status = response.statusCode();
        if (status == 416 && have > 0) {
            response.body().close();
            Files.delete(partial);
            return fetch(url, target, name, progress);
        }
        if (status == 404) {
            response.body().close();
            return false;
        }
        if (status != 200 && status != 206) {
            response.body().close();
            throw HubErrors.forStatus(status, url, endpoint);
        }
        long start = status == 206 ? have : 0;
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        total = total < 0 ? -1 : start + total;
        copy(response.body(), partial, start, name, total, progress);
        String expected = expectedSha256(linkedEtag[0], response);
        if (expected != null) {
            String actual = sha256(partial);
            if (!actual.equals(expected)) {
                Files.delete(partial);
                throw new ModelSourceException(
                        name
                                + " from "
                                + url
                                + " is corrupt: sha256 "
                                + actual
                                + ", the hub says "
                                + expected
                                + "; the partial file was removed, run the load again");
            }
        }
        Files.move(
                partial,
                target,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    private static void copy(
            InputStream body,
            Path partial,
            long start,
            String name,
            long total,
            DownloadProgress progress)
            throws IOException {
        try (InputStream in = body;
                FileChannel channel =
                        FileChannel.open(
                                partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            channel.truncate(start);
            channel.position(start);
            byte[] buffer = new byte[BUFFER];
            Cancellation cancellation = Cancellation.current();
            long done = start;
            long reported = -1;
            progress.update(name, done, total);
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                done += n;
                cancellation.throwIfCancelled(); // what is written stays, to be resumed
                if (done - reported >= (1 << 20)) {
                    progress.update(name, done, total);
                    reported = done;
                }
            }
            progress.update(name, done, total);
        }
    }

    private static String expectedSha256(String linkedEtag, HttpResponse<?> response) {
        for (String candidate :
                new String[] {linkedEtag, response.headers().firstValue("ETag").orElse(null)}) {
            if (candidate != null) {
                String value =
                        candidate
                                .replaceFirst("^W/", "")
                                .replace("\"", "")
                                .toLowerCase(Locale.ROOT);
                if (SHA256.matcher(value).matches()) {
                    return value;
                }
            }
        }
        return null;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
