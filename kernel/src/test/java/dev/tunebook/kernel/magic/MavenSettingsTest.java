package dev.tunebook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/** {@link MavenResolver} with settings.xml files, against a real HTTP repository on 127.0.0.1. */
class MavenSettingsTest {
    private static final String TINY = "dev.tunebook.test:tiny:1.0";

    @TempDir static Path shared;
    private static Path repo;
    @TempDir Path work;

    @BeforeAll
    static void publish() throws Exception {
        repo = shared.resolve("repo");
        publishTiny(repo);
    }

    /** Publishes tiny 1.0, which depends on tiny-dep 1.0, into the repository {@code root}. */
    static void publishTiny(Path root) throws Exception {
        Path jars = Files.createDirectories(shared.resolve("jars"));
        Path dep = jars.resolve("dep.jar");
        Path main = jars.resolve("tiny.jar");
        if (!Files.exists(main)) {
            TestJars.jar(shared, "tiny.dep.Dep", "package tiny.dep; public class Dep {}", dep);
            TestJars.jar(shared, "tiny.Tiny", "package tiny; public class Tiny {}", main);
        }
        TestJars.publish(root, "dev.tunebook.test", "tiny-dep", "1.0", dep, List.of());
        TestJars.publish(
                root,
                "dev.tunebook.test",
                "tiny",
                "1.0",
                main,
                List.of("dev.tunebook.test:tiny-dep:1.0"));
    }

    private MavenSettingsFiles settings(String body) throws Exception {
        Path file = work.resolve("settings.xml");
        Files.writeString(file, "<settings>\n" + body + "\n</settings>\n");
        return new MavenSettingsFiles(file, null, work.resolve("settings-security.xml"));
    }

    private MavenResolver resolver(MavenSettingsFiles files) {
        return new MavenResolver(work.resolve("m2"), files);
    }

    private static String mirrorAndServer(String url, String server) {
        return "<mirrors><mirror><id>nexus</id><mirrorOf>*</mirrorOf><url>"
                + url
                + "</url></mirror></mirrors>\n"
                + server;
    }

    private static List<String> names(List<ArtifactResult> results) {
        return results.stream().map(r -> r.getArtifact().getArtifactId()).toList();
    }

    private static boolean sawJarWith(TestRepositoryServer server, String authorization) {
        return server.requests().stream()
                .anyMatch(
                        r ->
                                r.uri().endsWith("/tiny-1.0.jar")
                                        && authorization.equals(r.authorization()));
    }

    @Test
    void mirrorOfEverythingResolvesThroughTheServerWithItsCredentials() throws Exception {
        try (var server = new TestRepositoryServer(repo, "deployer", "s3cret")) {
            MavenSettingsFiles files =
                    settings(
                            mirrorAndServer(
                                    server.url(),
                                    "<servers><server><id>nexus</id><username>deployer</username>"
                                            + "<password>s3cret</password></server></servers>"));
            MavenResolver resolver = resolver(files);
            assertEquals(List.of("tiny", "tiny-dep"), names(resolver.resolve(TINY)));
            assertTrue(
                    sawJarWith(server, "Basic ZGVwbG95ZXI6czNjcmV0"), server.requests()::toString);
            assertEquals(
                    List.of(
                            "using mirror nexus ("
                                    + server.url()
                                    + ") for central from "
                                    + files.user()),
                    resolver.describeSettings());
        }
    }

    @Test
    void withoutCredentialsTheRefusalNamesTheMirrorAndTheMissingServer() throws Exception {
        try (var server = new TestRepositoryServer(repo, "deployer", "s3cret")) {
            MavenResolver resolver = resolver(settings(mirrorAndServer(server.url(), "")));
            var e = assertThrows(DependencyResolutionException.class, () -> resolver.resolve(TINY));
            assertTrue(e.getMessage().contains("401"), e.getMessage());
            assertTrue(e.getMessage().contains("nexus (" + server.url() + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("no <server> with id nexus"), e.getMessage());
        }
    }

    @Test
    void encryptedPasswordsAreDecryptedWithTheMasterPassword() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Files.writeString(
                work.resolve("settings-security.xml"),
                "<settingsSecurity><master>"
                        + cipher.encryptAndDecorate("master!", "settings.security")
                        + "</master></settingsSecurity>");
        try (var server = new TestRepositoryServer(repo, "deployer", "s3cret")) {
            String password = cipher.encryptAndDecorate("s3cret", "master!");
            MavenResolver resolver =
                    resolver(
                            settings(
                                    mirrorAndServer(
                                            server.url(),
                                            "<servers><server><id>nexus</id><username>deployer"
                                                    + "</username><password>"
                                                    + password
                                                    + "</password></server></servers>")));
            assertEquals(List.of("tiny", "tiny-dep"), names(resolver.resolve(TINY)));
            assertTrue(
                    sawJarWith(server, "Basic ZGVwbG95ZXI6czNjcmV0"), server.requests()::toString);
        }
    }

    @Test
    void activeProfileRepositoriesAreSearchedWithTheServerHttpHeaders() throws Exception {
        try (var server = new TestRepositoryServer(repo, null, null)) {
            MavenSettingsFiles files =
                    settings(
                            "<servers><server><id>corp</id><configuration><httpHeaders><property>"
                                    + "<name>X-Token</name><value>${user.home}/t0k"
                                    + "</value></property></httpHeaders></configuration></server>"
                                    + "</servers>\n<profiles><profile><id>inactive</id>"
                                    + "<activation><activeByDefault>true</activeByDefault>"
                                    + "</activation></profile><profile><id>corp</id>"
                                    + "<repositories><repository><id>corp</id><url>"
                                    + server.url()
                                    + "</url></repository></repositories></profile></profiles>\n"
                                    + "<activeProfiles><activeProfile>corp</activeProfile>"
                                    + "</activeProfiles>");
            MavenResolver resolver = resolver(files);
            String token = System.getProperty("user.home") + "/t0k";
            resolver.addRepository("mine", work.resolve("nothing").toUri().toString());
            assertEquals(
                    List.of("corp", "mine", "central"),
                    resolver.repositories().stream().map(RemoteRepository::getId).toList());
            assertEquals(List.of("tiny", "tiny-dep"), names(resolver.resolve(TINY)));
            assertTrue(
                    server.requests().stream().allMatch(r -> token.equals(r.token())),
                    server.requests()::toString);
            assertEquals(
                    List.of("using repository corp (" + server.url() + ") from " + files.user()),
                    resolver.describeSettings());
        }
    }

    @Test
    void mirrorOfCentralLeavesOtherRepositoriesAlone() throws Exception {
        MavenResolver resolver =
                resolver(
                        settings(
                                "<mirrors><mirror><id>corp</id><mirrorOf>central,!mine</mirrorOf>"
                                        + "<url>https://nexus.example/central/</url></mirror>"
                                        + "</mirrors>"));
        resolver.addRepository("mine", "https://mine.example/maven/");
        assertEquals(
                List.of("mine", "corp"),
                resolver.repositories().stream().map(RemoteRepository::getId).toList());
    }

    @Test
    void aProxyCarriesRequestsForOtherHosts() throws Exception {
        try (var proxy = new TestRepositoryServer(repo, null, null)) {
            MavenResolver resolver =
                    resolver(
                            settings(
                                    "<proxies><proxy><id>off</id><active>false</active><host>"
                                            + "unused.example</host><port>1</port></proxy>"
                                            + "<proxy><id>p</id><host>127.0.0.1</host><port>"
                                            + proxy.port()
                                            + "</port><nonProxyHosts>localhost</nonProxyHosts>"
                                            + "</proxy></proxies>\n<profiles><profile><id>r"
                                            + "</id><activation><activeByDefault>true"
                                            + "</activeByDefault></activation><repositories>"
                                            + "<repository><id>far</id><url>"
                                            + "http://repo.tunebook.invalid/maven2/</url>"
                                            + "</repository></repositories></profile>"
                                            + "</profiles>"));
            assertEquals(List.of("tiny", "tiny-dep"), names(resolver.resolve(TINY)));
            assertTrue(
                    proxy.requests().stream()
                            .anyMatch(
                                    r ->
                                            r.uri()
                                                    .startsWith(
                                                            "http://repo.tunebook.invalid/maven2/dev/tunebook/test/tiny/")),
                    proxy.requests()::toString);
            assertTrue(
                    resolver.describeSettings()
                            .contains(
                                    "using proxy 127.0.0.1:"
                                            + proxy.port()
                                            + " for far from "
                                            + work.resolve("settings.xml")),
                    resolver.describeSettings()::toString);
        }
    }

    @Test
    void offlineResolvesFromTheSettingsLocalRepositoryOnly() throws Exception {
        Path local = work.resolve("local");
        publishTiny(local);
        MavenSettingsFiles files =
                settings("<localRepository>" + local + "</localRepository><offline>true</offline>");
        MavenResolver resolver = new MavenResolver(null, files);
        assertEquals(local, resolver.localRepository());
        assertEquals(List.of("tiny", "tiny-dep"), names(resolver.resolve(TINY)));
        var e =
                assertThrows(
                        DependencyResolutionException.class,
                        () -> resolver.resolve("dev.tunebook.test:absent:1.0"));
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertEquals(
                List.of(
                        "using local repository " + local + " from " + files.user(),
                        "working offline, as set from " + files.user()),
                resolver.describeSettings());
    }

    @Test
    void anExplicitLocalRepositoryWinsOverTheSettings() throws Exception {
        MavenSettingsFiles files = settings("<localRepository>/elsewhere</localRepository>");
        assertEquals(work.resolve("m2"), resolver(files).localRepository());
        assertEquals(List.of(), resolver(files).describeSettings());
    }

    @Test
    void malformedXmlNamesTheFileAndLine() throws Exception {
        MavenSettingsFiles files = settings("  <mirrors>\n    <mirror>\n  </mirrors>");
        var e = assertThrows(MavenSettingsException.class, () -> resolver(files).resolve(TINY));
        assertTrue(e.getMessage().contains(files.user() + " line 4"), e.getMessage());
    }

    @Test
    void aMissingValueNamesTheFileAndField() throws Exception {
        MavenSettingsFiles files =
                settings("<mirrors><mirror><id>m</id><mirrorOf>*</mirrorOf></mirror></mirrors>");
        var e = assertThrows(MavenSettingsException.class, () -> resolver(files).resolve(TINY));
        assertTrue(e.getMessage().contains(files.user().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("mirrors.mirror.url"), e.getMessage());
    }

    @Test
    void anUnknownElementIsAWarningAsInMaven() throws Exception {
        MavenSettingsFiles files = settings("<offline>false</offline><bogus>1</bogus>");
        List<String> lines = resolver(files).describeSettings();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(
                lines.get(0).startsWith("warning: " + files.user() + " line 2"), lines::toString);
        assertTrue(lines.get(0).contains("bogus"), lines::toString);
    }

    @Test
    void settingsAreReadAgainWhenTheFileChanges() throws Exception {
        MavenSettingsFiles files = settings("<offline>true</offline>");
        MavenResolver resolver = resolver(files);
        assertTrue(resolver.settings().offline());
        Files.writeString(files.user(), "<settings><offline>false</offline></settings>");
        assertEquals(false, resolver.settings().offline());
    }
}
