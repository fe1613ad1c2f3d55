package dev.tunebook.kernel.magic;

import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.resolution.ArtifactResult;

/** {@code %maven} and {@code %mavenRepo}: put Maven artifacts on the notebook's classpath. */
final class MavenMagics {
    static final String MAVEN_USAGE =
            "%maven GROUP:ARTIFACT[:EXTENSION[:CLASSIFIER]]:VERSION ...\n"
                    + "Resolves each artifact and its runtime dependencies with Maven Resolver and adds\n"
                    + "the jars to the notebook's classpath, printing what it added. Uses the local\n"
                    + "repository ~/.m2/repository (works offline for artifacts already there), the\n"
                    + "repositories added with %mavenRepo, then Maven Central. Honours settings.xml\n"
                    + "as mvn does (~/.m2/settings.xml, or -Dtunebook.mavenSettings or\n"
                    + "$TUNEBOOK_MAVEN_SETTINGS, over $MAVEN_HOME/conf/settings.xml): mirrors, servers,\n"
                    + "proxies, active profiles' repositories, localRepository and offline; it says\n"
                    + "which it used.\n"
                    + "Example: %maven com.google.code.gson:gson:2.11.0";
    static final String REPO_USAGE =
            "%mavenRepo ID URL\n"
                    + "Adds a Maven repository (http, https or file URL) that %maven searches before\n"
                    + "Maven Central. Example: %mavenRepo jitpack https://jitpack.io";

    private final MavenResolver resolver;
    private final Set<String> announced = new HashSet<>();

    MavenMagics(Path localRepository, MavenSettingsFiles settings) {
        this.resolver = new MavenResolver(localRepository, settings);
    }

    /** Returns the two magics. */
    List<MagicSpec> specs() {
        return List.of(
                MagicSpec.line("maven", MAVEN_USAGE, (args, body, ctx) -> maven(args, ctx)),
                MagicSpec.line("mavenRepo", REPO_USAGE, (args, body, ctx) -> mavenRepo(args)));
    }

    private Object maven(String args, MagicContext context) throws Exception {
        if (args.isBlank()) {
            throw new MagicUsageException("give at least one artifact");
        }
        for (String line : resolver.describeSettings()) {
            if (announced.add(line)) {
                System.out.println(line);
            }
        }
        List<Path> jars = new ArrayList<>();
        for (String coordinates : args.split("\\s+")) {
            if (coordinates.split(":").length < 3) {
                throw new MagicUsageException("not GROUP:ARTIFACT:VERSION: " + coordinates);
            }
            for (ArtifactResult result : resolver.resolve(coordinates)) {
                Artifact artifact = result.getArtifact();
                Path jar = artifact.getFile().toPath();
                if (!jars.contains(jar)) {
                    jars.add(jar);
                    System.out.println("Added " + artifact + " (" + jar + ")");
                }
            }
        }
        context.addClasspath(jars);
        return null;
    }

    private Object mavenRepo(String args) {
        String[] parts = args.split("\\s+");
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new MagicUsageException("give an id and a URL");
        }
        resolver.addRepository(parts[0], parts[1]);
        System.out.println("Added repository " + parts[0] + ": " + parts[1]);
        return null;
    }
}
