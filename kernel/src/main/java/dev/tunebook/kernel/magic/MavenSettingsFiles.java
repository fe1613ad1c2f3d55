package dev.tunebook.kernel.magic;

import java.nio.file.Path;

/**
 * The Maven settings files {@code %maven} reads, as {@code mvn} would: the user's {@code
 * settings.xml}, the global one beneath it (the user's wins where both set a value), and {@code
 * settings-security.xml} with the master password that decrypts {@code {...}} passwords. Files that
 * do not exist are skipped.
 *
 * @param user the user settings, such as {@code ~/.m2/settings.xml}
 * @param global the global settings, or null for none
 * @param security the {@code settings-security.xml} file, or null for none
 */
public record MavenSettingsFiles(Path user, Path global, Path security) {
    /** The JVM option that names the user settings file. */
    public static final String PROPERTY = "tunebook.mavenSettings";

    /** The environment variable that names the user settings file. */
    public static final String ENV = "TUNEBOOK_MAVEN_SETTINGS";

    /**
     * Returns the files {@code mvn} would read here: the user settings named by {@code
     * -Dtunebook.mavenSettings}, else by {@code $TUNEBOOK_MAVEN_SETTINGS}, else {@code
     * ~/.m2/settings.xml}; {@code $MAVEN_HOME/conf/settings.xml} when {@code MAVEN_HOME} is set;
     * and {@code -Dsettings.security}, else {@code ~/.m2/settings-security.xml}.
     */
    public static MavenSettingsFiles defaults() {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        String named = System.getProperty(PROPERTY, System.getenv(ENV));
        Path user = named != null && !named.isBlank() ? Path.of(named) : m2.resolve("settings.xml");
        String mavenHome = System.getenv("MAVEN_HOME");
        Path global =
                mavenHome != null && !mavenHome.isBlank()
                        ? Path.of(mavenHome, "conf", "settings.xml")
                        : null;
        String security = System.getProperty("settings.security");
        return new MavenSettingsFiles(
                user,
                global,
                security != null ? Path.of(security) : m2.resolve("settings-security.xml"));
    }
}
