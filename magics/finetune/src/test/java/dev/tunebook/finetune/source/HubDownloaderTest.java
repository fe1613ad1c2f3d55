package dev.tunebook.finetune.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.CancellationSource;
import dev.tunebook.finetune.Fixtures;
import dev.tunebook.finetune.weights.Architecture;
import dev.tunebook.finetune.weights.ModelWeights;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a hub served on 127.0.0.1 from the fixture folders. */
class HubDownloaderTest {
    private static final String REPO = "tunebook/tiny-llama";
    @TempDir Path home;
    private HubTestServer hub;

    @BeforeEach
    void start() throws IOException {
        hub = new HubTestServer();
        hub.serve(REPO, llama());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static Path llama() {
        return Fixtures.dir("models").resolve("tiny-llama");
    }

    private Map<String, String> env(URI endpoint) {
        return Map.of(
                "HF_HOME",
                home.toString(),
                "HF_ENDPOINT",
                endpoint.toString(),
                "HF_TOKEN",
                "hf_test");
    }

    private Path snapshot() {
        return home.resolve("hub/models--tunebook--tiny-llama/snapshots/" + HubTestServer.COMMIT);
    }

    @Test
    void downloadsIntoTheHubCacheLayoutAndLoads() throws IOException {
        Map<String, long[]> progress = new ConcurrentHashMap<>();
        ModelSource source = ModelSource.parse("hf:" + REPO, env(hub.endpoint()));
        Path folder =
                source.fetch((file, done, total) -> progress.put(file, new long[] {done, total}));
        assertEquals(snapshot(), folder);
        for (String file : List.of("config.json", "generation_config.json", "model.safetensors")) {
            assertArrayEquals(
                    Files.readAllBytes(llama().resolve(file)),
                    Files.readAllBytes(folder.resolve(file)),
                    file);
        }
        assertFalse(
                Files.exists(folder.resolve("reference.safetensors")), "only what tunebook loads");
        assertEquals(
                HubTestServer.COMMIT,
                Files.readString(home.resolve("hub/models--tunebook--tiny-llama/refs/main")));
        long size = Files.size(llama().resolve("model.safetensors"));
        assertArrayEquals(new long[] {size, size}, progress.get("model.safetensors"));
        assertTrue(
                hub.log.stream().allMatch(l -> l.endsWith("auth=Bearer hf_test")),
                hub.log.toString());
        try (NDManager manager = NDManager.newBaseManager();
                ModelWeights model = ModelWeights.load(folder, manager)) {
            assertEquals(21, model.weights().size());
            assertEquals(Architecture.LLAMA, model.config().architecture());
        }
        hub.log.clear();
        assertEquals(folder, source.fetch(DownloadProgress.NONE));
        assertEquals(1, hub.log.size(), "a second fetch only lists the repo: " + hub.log);
    }

    @Test
    void resumesAnInterruptedDownloadWithARangeRequest() throws IOException {
        hub.cutAfter.put("model.safetensors", 1000);
        HubDownloader downloader = HubDownloader.fromEnvironment(env(hub.endpoint()));
        assertThrows(
                IOException.class, () -> downloader.download(REPO, "main", DownloadProgress.NONE));
        Path partial = snapshot().resolve("model.safetensors.incomplete");
        assertEquals(1000, Files.size(partial));
        assertFalse(Files.exists(snapshot().resolve("model.safetensors")));
        Path folder = downloader.download(REPO, "main", DownloadProgress.NONE);
        assertTrue(
                hub.log.stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("GET /blobs/")
                                                && l.contains("range=bytes=1000-")),
                hub.log.toString());
        assertArrayEquals(
                Files.readAllBytes(llama().resolve("model.safetensors")),
                Files.readAllBytes(folder.resolve("model.safetensors")));
        assertFalse(Files.exists(partial));
    }

    @Test
    void aCancelledDownloadStopsAfterAChunkAndIsResumedLater() throws IOException {
        HubDownloader downloader = HubDownloader.fromEnvironment(env(hub.endpoint()));
        CancellationSource cancellation = new CancellationSource();
        DownloadProgress cancelOnWeights =
                (file, done, total) -> {
                    if (file.equals("model.safetensors")) {
                        cancellation.cancel();
                    }
                };
        try (Cancellation.Scope scope = cancellation.enter()) {
            assertThrows(
                    CancellationException.class,
                    () -> downloader.download(REPO, "main", cancelOnWeights));
        }
        Path partial = snapshot().resolve("model.safetensors.incomplete");
        assertTrue(Files.size(partial) > 0, "the chunk written before the stop is kept");
        assertFalse(Files.exists(snapshot().resolve("model.safetensors")));
        Path folder = downloader.download(REPO, "main", DownloadProgress.NONE);
        assertArrayEquals(
                Files.readAllBytes(llama().resolve("model.safetensors")),
                Files.readAllBytes(folder.resolve("model.safetensors")));
        assertFalse(Files.exists(partial));
    }

    @Test
    void checksumMismatchIsRefusedAndNothingIsKept() {
        hub.lieAboutHash.add("model.safetensors");
        HubDownloader downloader = HubDownloader.fromEnvironment(env(hub.endpoint()));
        var e =
                assertThrows(
                        ModelSourceException.class,
                        () -> downloader.download(REPO, "main", DownloadProgress.NONE));
        assertTrue(
                e.getMessage().contains("model.safetensors from " + hub.endpoint()),
                e.getMessage());
        assertTrue(e.getMessage().contains("is corrupt: sha256 "), e.getMessage());
        assertTrue(e.getMessage().contains("the hub says " + "f".repeat(64)), e.getMessage());
        assertFalse(Files.exists(snapshot().resolve("model.safetensors")));
        assertFalse(Files.exists(snapshot().resolve("model.safetensors.incomplete")));
    }

    @Test
    void unreachableEndpointSaysWhatToDoAndFallsBackToTheCache() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        HubDownloader offline = HubDownloader.fromEnvironment(env(closed));
        var e =
                assertThrows(
                        ModelSourceException.class,
                        () -> offline.download(REPO, "main", DownloadProgress.NONE));
        assertTrue(
                e.getMessage()
                        .startsWith("cannot reach HF_ENDPOINT " + closed + " (ConnectException"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("; set HF_ENDPOINT or download the folder and use a local path"),
                e.getMessage());

        Path folder =
                HubDownloader.fromEnvironment(env(hub.endpoint()))
                        .download(REPO, "main", DownloadProgress.NONE);
        assertEquals(folder, offline.download(REPO, "main", DownloadProgress.NONE));
        Map<String, String> hubOffline = Map.of("HF_HOME", home.toString(), "HF_HUB_OFFLINE", "1");
        assertEquals(
                folder,
                HubDownloader.fromEnvironment(hubOffline)
                        .download(REPO, "main", DownloadProgress.NONE));
        var missing =
                assertThrows(
                        ModelSourceException.class,
                        () ->
                                HubDownloader.fromEnvironment(hubOffline)
                                        .download("other/model", "main", DownloadProgress.NONE));
        assertTrue(missing.getMessage().contains("HF_HUB_OFFLINE"), missing.getMessage());
    }

    @Test
    void gatedRepositoryAsksForAToken() throws IOException {
        hub.requiredToken = "hf_secret";
        HubDownloader anonymous = HubDownloader.fromEnvironment(env(hub.endpoint()));
        var e =
                assertThrows(
                        ModelSourceException.class,
                        () -> anonymous.download(REPO, "main", DownloadProgress.NONE));
        assertTrue(e.getMessage().contains("access denied (HTTP 401)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("and set HF_TOKEN"), e.getMessage());
        Map<String, String> withToken =
                Map.of(
                        "HF_HOME",
                        home.toString(),
                        "HF_ENDPOINT",
                        hub.endpoint().toString(),
                        "HF_TOKEN",
                        "hf_secret");
        assertTrue(
                Files.exists(
                        HubDownloader.fromEnvironment(withToken)
                                .download(REPO, "main", DownloadProgress.NONE)
                                .resolve("model.safetensors")));
    }

    @Test
    void unknownRepositoryIsNamed() {
        HubDownloader downloader = HubDownloader.fromEnvironment(env(hub.endpoint()));
        var e =
                assertThrows(
                        ModelSourceException.class,
                        () -> downloader.download("nobody/nothing", "main", DownloadProgress.NONE));
        assertTrue(
                e.getMessage().startsWith("nobody/nothing not found on " + hub.endpoint()),
                e.getMessage());
    }

    @Test
    void shardedRepositoriesBringTheirShards(@TempDir Path sharded) throws IOException {
        Files.copy(llama().resolve("config.json"), sharded.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager()) {
            var weights = Weights.load(llama(), manager);
            var names = List.copyOf(weights.keySet());
            StringBuilder map = new StringBuilder();
            for (int shard = 1; shard <= 2; shard++) {
                String file = "model-0000" + shard + "-of-00002.safetensors";
                SafetensorsWriter writer = new SafetensorsWriter();
                for (int i = shard - 1; i < names.size(); i += 2) {
                    writer.add(names.get(i), weights.get(names.get(i)));
                    map.append(map.length() == 0 ? "" : ",")
                            .append('"')
                            .append(names.get(i))
                            .append("\":\"")
                            .append(file)
                            .append('"');
                }
                writer.write(sharded.resolve(file));
            }
            Files.writeString(
                    sharded.resolve("model.safetensors.index.json"),
                    "{\"weight_map\":{" + map + "}}");
            hub.serve("tunebook/sharded", sharded);
            Path folder =
                    HubDownloader.fromEnvironment(env(hub.endpoint()))
                            .download("tunebook/sharded", "main", DownloadProgress.NONE);
            assertTrue(Files.exists(folder.resolve("model-00002-of-00002.safetensors")));
            assertEquals(names.size(), Weights.load(folder, manager).size());
        }
    }

    @Test
    void specsAreParsed() {
        var source = (HubSource) ModelSource.parse("hf:Qwen/Qwen2.5-0.5B@refs/pr/1", Map.of());
        assertEquals("Qwen/Qwen2.5-0.5B", source.repo());
        assertEquals("refs/pr/1", source.revision());
        assertEquals("main", ((HubSource) ModelSource.parse("hf:a/b", Map.of())).revision());
        var maven = (MavenSource) ModelSource.parse("maven:dev.langchain4j:x:1.0", Map.of());
        assertEquals("dev/langchain4j/x/1.0/x-1.0.jar", maven.artifact().jarPath());
        assertThrows(
                IllegalArgumentException.class, () -> ModelSource.parse("hf:no-slash", Map.of()));
        assertThrows(
                IllegalArgumentException.class, () -> ModelSource.parse("maven:g:a", Map.of()));
        var local =
                assertThrows(
                        ModelSourceException.class,
                        () ->
                                ModelSource.parse(home.resolve("none").toString())
                                        .fetch(DownloadProgress.NONE));
        assertTrue(local.getMessage().contains("no such folder"));
    }
}
