package dev.tunebook.finetune.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.weights.WeightFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Downloads Hugging Face hub repositories into the hub's cache layout ({@code
 * HF_HOME/hub/models--ORG--NAME/snapshots/COMMIT/...}, with {@code refs/REVISION} naming the
 * commit), fetching only what tunebook loads: configs, tokenizer files and safetensors weights.
 * Files already in the snapshot are not fetched again; without a network the cached snapshot is
 * used.
 *
 * <p>Instances are thread-safe as long as two downloads do not target the same repository.
 */
public final class HubDownloader {
    static final List<String> KNOWN_FILES =
            List.of(
                    "config.json",
                    "generation_config.json",
                    "tokenizer.json",
                    "tokenizer_config.json",
                    "special_tokens_map.json",
                    "model.safetensors",
                    "model.safetensors.index.json",
                    "adapter_config.json",
                    "adapter_model.safetensors");

    private final URI endpoint;
    private final Path hubCache;
    private final boolean offline;
    private final HubFileFetcher fetcher;

    /**
     * Creates a downloader.
     *
     * @param endpoint the hub, e.g. {@code https://huggingface.co}
     * @param hubCache the cache folder ({@code HF_HOME/hub})
     * @param token a hub access token, or null
     * @param offline whether to use the cache only
     */
    public HubDownloader(URI endpoint, Path hubCache, String token, boolean offline) {
        String base = endpoint.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base);
        this.hubCache = hubCache;
        this.offline = offline;
        this.fetcher = new HubFileFetcher(this.endpoint, token);
    }

    /**
     * Creates a downloader from {@code HF_ENDPOINT} (default {@code https://huggingface.co}),
     * {@code HF_HUB_CACHE} or {@code HF_HOME} (default {@code ~/.cache/huggingface}), {@code
     * HF_TOKEN} and {@code HF_HUB_OFFLINE}.
     */
    public static HubDownloader fromEnvironment(Map<String, String> env) {
        String home =
                env.getOrDefault(
                        "HF_HOME",
                        Path.of(System.getProperty("user.home"), ".cache", "huggingface")
                                .toString());
        Path cache = Path.of(env.getOrDefault("HF_HUB_CACHE", Path.of(home, "hub").toString()));
        String endpoint = env.getOrDefault("HF_ENDPOINT", "https://huggingface.co");
        String offline = env.getOrDefault("HF_HUB_OFFLINE", "0");
        return new HubDownloader(
                URI.create(endpoint),
                cache,
                env.get("HF_TOKEN"),
                offline.equals("1") || offline.equalsIgnoreCase("true"));
    }

    /** Returns the cache folder of {@code repo}. */
    public Path repoFolder(String repo) {
        return hubCache.resolve("models--" + repo.replace("/", "--"));
    }

    /**
     * Downloads what tunebook needs of {@code repo} at {@code revision} and returns the snapshot
     * folder.
     *
     * @throws ModelSourceException if the hub cannot be reached and nothing is cached, the
     *     repository or its weights are missing, access is denied, or a file is corrupt
     */
    public Path download(String repo, String revision, DownloadProgress progress)
            throws IOException {
        Path cached = cachedSnapshot(repo, revision);
        if (offline) {
            if (cached == null) {
                throw new ModelSourceException(
                        repo
                                + "@"
                                + revision
                                + " is not in the cache "
                                + hubCache
                                + " and HF_HUB_OFFLINE is set; unset it or use a local path");
            }
            return cached;
        }
        Listing listing;
        try {
            listing = list(repo, revision);
        } catch (ModelSourceException e) {
            if (cached != null && e.getMessage().startsWith("cannot reach")) {
                return cached;
            }
            throw e;
        }
        Path snapshot = repoFolder(repo).resolve("snapshots").resolve(listing.commit());
        fetchAll(repo, listing, snapshot, progress);
        writeRef(repo, revision, listing.commit());
        return snapshot;
    }

    private Path cachedSnapshot(String repo, String revision) throws IOException {
        Path ref = repoFolder(repo).resolve("refs").resolve(revision);
        String commit = Files.isRegularFile(ref) ? Files.readString(ref).strip() : revision;
        Path snapshot = repoFolder(repo).resolve("snapshots").resolve(commit);
        return Files.isRegularFile(snapshot.resolve("config.json")) ? snapshot : null;
    }

    /** The commit a revision resolves to and the files to fetch (null: probe known files). */
    private record Listing(String commit, List<String> files) {}

    private Listing list(String repo, String revision) throws IOException {
        URI url = URI.create(endpoint + "/api/models/" + repo + "/revision/" + encode(revision));
        HttpResponse<InputStream> response = fetcher.get(url, 0, new String[1]);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return new Listing(revision, null);
            }
            if (response.statusCode() != 200) {
                throw HubErrors.forStatus(response.statusCode(), url, endpoint);
            }
            JsonNode root = new ObjectMapper().readTree(body);
            List<String> files = new ArrayList<>();
            root.path("siblings").forEach(s -> files.add(s.path("rfilename").asText()));
            String commit = root.path("sha").asText(revision);
            return new Listing(
                    commit.matches("[\\w.-]+") ? commit : revision, HubFiles.select(repo, files));
        }
    }

    private void fetchAll(String repo, Listing listing, Path snapshot, DownloadProgress progress)
            throws IOException {
        Set<String> files =
                new LinkedHashSet<>(listing.files() == null ? KNOWN_FILES : listing.files());
        Set<String> found = new LinkedHashSet<>();
        for (String file : files) {
            if (fetchOne(repo, listing.commit(), file, snapshot, progress)) {
                found.add(file);
            }
        }
        if (found.contains(WeightFiles.INDEX)) {
            for (String shard : HubFiles.shards(snapshot.resolve(WeightFiles.INDEX))) {
                if (!fetchOne(repo, listing.commit(), shard, snapshot, progress)) {
                    throw new ModelSourceException(
                            repo
                                    + ": shard "
                                    + shard
                                    + " named by the index is missing on "
                                    + endpoint);
                }
            }
        }
        HubFiles.checkComplete(repo, endpoint, listing.files() != null, found);
    }

    private boolean fetchOne(
            String repo, String commit, String file, Path snapshot, DownloadProgress progress)
            throws IOException {
        Path target = snapshot.resolve(file).normalize();
        if (!target.startsWith(snapshot)) {
            throw new ModelSourceException(repo + ": refusing file name " + file);
        }
        if (Files.isRegularFile(target)) {
            return true;
        }
        URI url =
                URI.create(
                        endpoint
                                + "/"
                                + repo
                                + "/resolve/"
                                + encode(commit)
                                + "/"
                                + encodePath(file));
        return fetcher.fetch(url, target, file, progress);
    }

    private void writeRef(String repo, String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = repoFolder(repo).resolve("refs").resolve(revision);
        Files.createDirectories(ref.getParent());
        Path temp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
        Files.writeString(temp, commit);
        Files.move(
                temp,
                ref,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            parts.add(encode(part));
        }
        return String.join("/", parts);
    }
}
