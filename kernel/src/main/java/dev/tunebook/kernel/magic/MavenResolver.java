package dev.tunebook.kernel.magic;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies into jar files, with Maven Resolver:
 * the local repository (by default {@code ~/.m2/repository}) first, then the repositories added
 * with {@link #addRepository} in the order added, then Maven Central. Artifacts already in the
 * local repository resolve without a network.
 *
 * <p>Instances are not thread-safe.
 */
public final class MavenResolver {
    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder(
                            "central", "default", "https://repo.maven.apache.org/maven2/")
                    .build();

    private final Path localRepository;
    private final List<RemoteRepository> repositories = new ArrayList<>();
    private RepositorySystem system;

    /** Creates a resolver that caches into {@code localRepository}. */
    public MavenResolver(Path localRepository) {
        this.localRepository = localRepository;
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

    /** Returns the repositories searched, in order. */
    public List<RemoteRepository> repositories() {
        List<RemoteRepository> all = new ArrayList<>(repositories);
        all.add(CENTRAL);
        return all;
    }

    /**
     * Returns the artifact {@code coordinates} ({@code G:A[:ext[:classifier]]:V}) and its runtime
     * dependencies, as resolved artifacts in classpath order.
     *
     * @throws IllegalArgumentException when the coordinates are malformed
     * @throws DependencyResolutionException when an artifact cannot be found or downloaded
     */
    public List<ArtifactResult> resolve(String coordinates) throws DependencyResolutionException {
        DefaultArtifact artifact = new DefaultArtifact(coordinates);
        CollectRequest collect =
                new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), repositories());
        DependencyRequest request =
                new DependencyRequest(
                        collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        return system().resolveDependencies(session(), request).getArtifactResults();
    }

    private DefaultRepositorySystemSession session() {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        LocalRepository local = new LocalRepository(localRepository.toFile());
        session.setLocalRepositoryManager(system().newLocalRepositoryManager(session, local));
        return session;
    }

    private RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }
}
