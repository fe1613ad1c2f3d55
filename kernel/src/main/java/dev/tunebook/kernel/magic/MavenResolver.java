package dev.tunebook.kernel.magic;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies into jar files, with Maven Resolver,
 * as {@code mvn} would: the local repository first (artifacts already there resolve without a
 * network), then the repositories of the active profiles of the Maven settings, the repositories
 * added with {@link #addRepository} in the order added, then Maven Central. The settings' mirrors,
 * proxies, server credentials, {@code offline} and {@code localRepository} apply; they are read
 * when first needed and read again when a settings file changes.
 *
 * <p>Instances are not thread-safe.
 */
public final class MavenResolver {
    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder(
                            "central", "default", "https://repo.maven.apache.org/maven2/")
                    .build();

    private final Path localRepository;
    private final MavenSettingsFiles settingsFiles;
    private final List<RemoteRepository> repositories = new ArrayList<>();
    private RepositorySystem system;
    private MavenSettings settings;
    private List<String> settingsStamp;

    /**
     * Creates a resolver that caches into {@code localRepository} and reads the settings files
     * {@code mvn} would ({@link MavenSettingsFiles#defaults()}).
     */
    public MavenResolver(Path localRepository) {
        this(localRepository, MavenSettingsFiles.defaults());
    }

    /**
     * Creates a resolver that reads {@code settingsFiles}.
     *
     * @param localRepository the local repository, or null for the settings' {@code
     *     localRepository}, else {@code ~/.m2/repository}
     */
    public MavenResolver(Path localRepository, MavenSettingsFiles settingsFiles) {
        this.localRepository = localRepository;
        this.settingsFiles = settingsFiles;
    }

    /** Adds a remote repository, searched before Maven Central; a known id gets the new URL. */
    public void addRepository(String id, String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null
                || !List.of("http", "https", "file").contains(uri.getScheme())) {
            throw new IllegalArgumentException("not an http, https or file URL: " + url);
        }
        repositories.removeIf(r -> r.getId().equals(id));
        repositories.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /**
     * Returns the repositories searched, in order, with the settings' mirrors, proxies and
     * credentials applied.
     *
     * @throws MavenSettingsException when the settings cannot be read
     */
    public List<RemoteRepository> repositories() {
        MavenSettings current = settings();
        return system().newResolutionRepositories(session(current), declared(current));
    }

    /** Returns the local repository artifacts are cached in. */
    public Path localRepository() {
        return localRepository(settings());
    }

    /**
     * Returns the settings in effect.
     *
     * @throws MavenSettingsException when a settings file cannot be read
     */
    public MavenSettings settings() {
        List<String> stamp = stamp();
        if (settings == null || !stamp.equals(settingsStamp)) {
            settings = MavenSettings.read(settingsFiles);
            settingsStamp = stamp;
        }
        return settings;
    }

    /**
     * Returns one line for each way the settings shape resolution now (their local repository,
     * offline mode, a profile's repository, a mirror, a proxy), each naming the settings file, and
     * the warnings Maven gave reading them; nothing when no settings file exists.
     *
     * @throws MavenSettingsException when a settings file cannot be read
     */
    public List<String> describeSettings() {
        MavenSettings current = settings();
        if (current.source() == null) {
            return List.of();
        }
        String from = " from " + current.source();
        List<String> lines = new ArrayList<>(current.warnings());
        if (localRepository == null && current.localRepository() != null) {
            lines.add("using local repository " + current.localRepository() + from);
        }
        if (current.offline()) {
            lines.add("working offline, as set" + from);
        }
        for (RemoteRepository repository : current.repositories()) {
            lines.add("using repository " + describe(repository) + from);
        }
        Map<String, List<String>> mirrored = new LinkedHashMap<>();
        for (RemoteRepository repository : declared(current)) {
            RemoteRepository mirror = current.mirror(repository);
            if (mirror != null) {
                mirrored.computeIfAbsent(describe(mirror), m -> new ArrayList<>())
                        .add(repository.getId());
            }
        }
        mirrored.forEach(
                (mirror, ids) ->
                        lines.add(
                                "using mirror "
                                        + mirror
                                        + " for "
                                        + String.join(", ", ids)
                                        + from));
        for (RemoteRepository repository : repositories()) {
            Proxy proxy = repository.getProxy();
            if (proxy != null) {
                String where = proxy.getHost() + ":" + proxy.getPort();
                lines.add("using proxy " + where + " for " + repository.getId() + from);
            }
        }
        return lines;
    }

    /**
     * Returns the artifact {@code coordinates} ({@code G:A[:ext[:classifier]]:V}) and its runtime
     * dependencies, as resolved artifacts in classpath order.
     *
     * @throws IllegalArgumentException when the coordinates are malformed
     * @throws MavenSettingsException when a settings file cannot be read
     * @throws DependencyResolutionException when an artifact cannot be found or downloaded
     */
    public List<ArtifactResult> resolve(String coordinates) throws DependencyResolutionException {
        DefaultArtifact artifact = new DefaultArtifact(coordinates);
        MavenSettings current = settings();
        DefaultRepositorySystemSession session = session(current);
        List<RemoteRepository> remotes =
                system().newResolutionRepositories(session, declared(current));
        CollectRequest collect =
                new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), remotes);
        DependencyRequest request =
                new DependencyRequest(
                        collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            return system().resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw ResolutionFailure.explain(e, current);
        }
    }

    /** Returns the repositories before mirrors: the profiles', the added ones, then Central. */
    List<RemoteRepository> declared(MavenSettings current) {
        Map<String, RemoteRepository> byId = new LinkedHashMap<>();
        for (RemoteRepository repository : current.repositories()) {
            byId.put(repository.getId(), repository);
        }
        for (RemoteRepository repository : repositories) {
            byId.remove(repository.getId());
            byId.put(repository.getId(), repository);
        }
        byId.putIfAbsent(CENTRAL.getId(), CENTRAL);
        return new ArrayList<>(byId.values());
    }

    private static String describe(RemoteRepository repository) {
        return repository.getId() + " (" + repository.getUrl() + ")";
    }

    private Path localRepository(MavenSettings current) {
        if (localRepository != null) {
            return localRepository;
        }
        Path configured = current.localRepository();
        return configured != null
                ? configured
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private DefaultRepositorySystemSession session(MavenSettings current) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        LocalRepository local = new LocalRepository(localRepository(current).toFile());
        session.setLocalRepositoryManager(system().newLocalRepositoryManager(session, local));
        current.applyTo(session);
        return session;
    }

    /** Returns what identifies the settings files' current contents: path, size, change time. */
    private List<String> stamp() {
        List<String> stamp = new ArrayList<>();
        for (Path file :
                new Path[] {
                    settingsFiles.user(), settingsFiles.global(), settingsFiles.security()
                }) {
            File f = file != null ? file.toFile() : null;
            stamp.add(f == null ? "-" : f + ":" + f.length() + ":" + f.lastModified());
        }
        return stamp;
    }

    private RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }
}
