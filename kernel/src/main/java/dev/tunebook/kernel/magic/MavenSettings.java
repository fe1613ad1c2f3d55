package dev.tunebook.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Repository;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * The effective Maven settings and what they change in resolution, as {@code mvn} applies them: the
 * local repository, offline mode, mirrors, the credentials and HTTP headers of servers (matched by
 * repository or mirror id), active proxies, and the repositories of the active profiles (those
 * named in {@code activeProfiles}, or else those active by default). Other profile activations
 * (property, JDK, OS, file) are not evaluated.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MavenSettings {
    private final Settings settings;
    private final String source;
    private final List<String> warnings;
    private final DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
    private final DefaultProxySelector proxies = new DefaultProxySelector();
    private final DefaultAuthenticationSelector servers = new DefaultAuthenticationSelector();

    MavenSettings(Settings settings, String source, List<String> warnings) {
        this.settings = settings;
        this.source = source;
        this.warnings = List.copyOf(warnings);
        for (Mirror m : settings.getMirrors()) {
            mirrors.add(
                    m.getId(),
                    m.getUrl(),
                    m.getLayout(),
                    false,
                    m.isBlocked(),
                    m.getMirrorOf(),
                    m.getMirrorOfLayouts());
        }
        for (org.apache.maven.settings.Proxy p : settings.getProxies()) {
            if (p.isActive()) {
                var auth = new AuthenticationBuilder().addUsername(p.getUsername());
                Proxy proxy =
                        new Proxy(
                                p.getProtocol(),
                                p.getHost(),
                                p.getPort(),
                                auth.addPassword(p.getPassword()).build());
                proxies.add(proxy, p.getNonProxyHosts());
            }
        }
        for (Server s : settings.getServers()) {
            var auth = new AuthenticationBuilder().addUsername(s.getUsername());
            auth.addPassword(s.getPassword()).addPrivateKey(s.getPrivateKey(), s.getPassphrase());
            servers.add(s.getId(), auth.build());
        }
    }

    /**
     * Reads {@code files}.
     *
     * @throws MavenSettingsException when a file is malformed or has a value Maven rejects; the
     *     message names the file and the line or the field
     */
    public static MavenSettings read(MavenSettingsFiles files) {
        return MavenSettingsReader.read(files);
    }

    /** Returns the settings files these came from ("A and B"), or null when none existed. */
    public String source() {
        return source;
    }

    /**
     * Returns what Maven warned about while reading (unknown elements, undecryptable passwords).
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Returns the {@code localRepository} set, or null. */
    public Path localRepository() {
        String local = settings.getLocalRepository();
        return local == null || local.isBlank() ? null : Path.of(local).toAbsolutePath();
    }

    /** Returns whether {@code offline} is set. */
    public boolean offline() {
        return settings.isOffline();
    }

    /** Returns the repositories of the active profiles, in the order the profiles are declared. */
    public List<RemoteRepository> repositories() {
        List<RemoteRepository> repositories = new ArrayList<>();
        for (Profile profile : activeProfiles()) {
            for (Repository r : profile.getRepositories()) {
                repositories.add(
                        new RemoteRepository.Builder(r.getId(), r.getLayout(), r.getUrl())
                                .setReleasePolicy(policy(r.getReleases()))
                                .setSnapshotPolicy(policy(r.getSnapshots()))
                                .build());
            }
        }
        return repositories;
    }

    /** Returns whether a {@code <server>} has id {@code id}. */
    public boolean hasServer(String id) {
        return settings.getServer(id) != null;
    }

    /** Returns the mirror that serves {@code repository}, or null. */
    public RemoteRepository mirror(RemoteRepository repository) {
        return mirrors.getMirror(repository);
    }

    /** Returns the proxy that {@code repository} is reached through, or null. */
    public Proxy proxy(RemoteRepository repository) {
        return proxies.getProxy(repository);
    }

    /**
     * Sets offline mode, mirrors, proxies, credentials and server HTTP headers on {@code session}.
     */
    void applyTo(DefaultRepositorySystemSession session) {
        session.setOffline(offline());
        session.setMirrorSelector(mirrors);
        session.setProxySelector(proxies);
        session.setAuthenticationSelector(servers);
        for (Server server : settings.getServers()) {
            Map<String, String> headers = httpHeaders(server);
            if (!headers.isEmpty()) {
                session.setConfigProperty(
                        ConfigurationProperties.HTTP_HEADERS + "." + server.getId(), headers);
            }
        }
    }

    private List<Profile> activeProfiles() {
        List<String> named = settings.getActiveProfiles();
        List<Profile> active = new ArrayList<>();
        for (Profile profile : settings.getProfiles()) {
            if (named.contains(profile.getId())) {
                active.add(profile);
            }
        }
        if (active.isEmpty()) {
            // As in Maven: profiles active by default step aside when any other is activated.
            for (Profile profile : settings.getProfiles()) {
                if (profile.getActivation() != null
                        && profile.getActivation().isActiveByDefault()) {
                    active.add(profile);
                }
            }
        }
        return active;
    }

    private static RepositoryPolicy policy(org.apache.maven.settings.RepositoryPolicy policy) {
        if (policy == null) {
            return new RepositoryPolicy();
        }
        String update = policy.getUpdatePolicy();
        String checksum = policy.getChecksumPolicy();
        return new RepositoryPolicy(
                policy.isEnabled(),
                update != null ? update : RepositoryPolicy.UPDATE_POLICY_DAILY,
                checksum != null ? checksum : RepositoryPolicy.CHECKSUM_POLICY_WARN);
    }

    /** Returns the {@code configuration/httpHeaders} of {@code server}, as Maven reads them. */
    private static Map<String, String> httpHeaders(Server server) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (server.getConfiguration() instanceof Xpp3Dom configuration
                && configuration.getChild("httpHeaders") != null) {
            for (Xpp3Dom property : configuration.getChild("httpHeaders").getChildren("property")) {
                Xpp3Dom name = property.getChild("name");
                Xpp3Dom value = property.getChild("value");
                if (name != null && value != null) {
                    headers.put(name.getValue(), value.getValue());
                }
            }
        }
        return headers;
    }
}
