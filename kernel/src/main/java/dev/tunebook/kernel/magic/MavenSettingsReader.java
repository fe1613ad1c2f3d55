package dev.tunebook.kernel.magic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsBuildingResult;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * Reads settings files with Maven's own settings builder: the user file merged over the global one,
 * {@code ${env.X}} and {@code ${user.home}} interpolated, then server and proxy passwords decrypted
 * with the master password of {@code settings-security.xml}.
 */
final class MavenSettingsReader {
    private static final Pattern PARSER_POSITION = Pattern.compile("@(\\d+):(\\d+)\\)?\\s*$");
    private static final Pattern PARSER_EXCERPT =
            Pattern.compile("(?s)( \\(position:|,? parser stopped on).*$");

    private MavenSettingsReader() {}

    /**
     * Returns the effective settings of {@code files}.
     *
     * @throws MavenSettingsException when a file is malformed or has a value Maven rejects
     */
    static MavenSettings read(MavenSettingsFiles files) {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(files.user().toFile());
        if (files.global() != null) {
            request.setGlobalSettingsFile(files.global().toFile());
        }
        request.setSystemProperties(systemProperties());
        SettingsBuildingResult built;
        try {
            built = new DefaultSettingsBuilderFactory().newInstance().build(request);
        } catch (SettingsBuildingException e) {
            throw new MavenSettingsException(describe(e.getProblems(), true));
        }
        List<String> warnings = new ArrayList<>();
        if (!built.getProblems().isEmpty()) {
            warnings.add("warning: " + describe(built.getProblems(), false));
        }
        Settings settings = built.getEffectiveSettings();
        SettingsDecryptionResult decrypted = decrypt(settings, files.security());
        for (SettingsProblem problem : decrypted.getProblems()) {
            warnings.add("warning: " + problem.getMessage());
        }
        settings.setServers(decrypted.getServers());
        settings.setProxies(decrypted.getProxies());
        return new MavenSettings(settings, source(files), warnings);
    }

    private static SettingsDecryptionResult decrypt(Settings settings, Path security) {
        String file = security != null ? security.toString() : "";
        DefaultSecDispatcher dispatcher =
                new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(), file);
        DefaultSettingsDecryptionRequest request = new DefaultSettingsDecryptionRequest();
        request.setServers(settings.getServers());
        request.setProxies(settings.getProxies());
        return new DefaultSettingsDecrypter(dispatcher).decrypt(request);
    }

    /** Returns the JVM's properties with the environment as {@code env.NAME}, as mvn has them. */
    private static Properties systemProperties() {
        Properties properties = new Properties();
        System.getenv().forEach((name, value) -> properties.setProperty("env." + name, value));
        properties.putAll(System.getProperties());
        return properties;
    }

    /** Returns the problems, one "FILE line L, column C: MESSAGE" line each. */
    private static String describe(List<SettingsProblem> problems, boolean errorsOnly) {
        List<String> lines = new ArrayList<>();
        for (SettingsProblem problem : problems) {
            if (!errorsOnly || problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                lines.add(describe(problem));
            }
        }
        return (errorsOnly ? "Maven settings cannot be used: " : "") + String.join("\n", lines);
    }

    private static String describe(SettingsProblem problem) {
        String source = problem.getSource();
        String message = problem.getMessage().replace("settings " + source + ": ", "settings: ");
        int line = problem.getLineNumber();
        int column = problem.getColumnNumber();
        // A file that ends too early is "non-readable": its position is only in the message.
        Matcher at = PARSER_POSITION.matcher(message);
        if (line <= 0 && at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2));
        }
        if (line > 0) {
            // The parser's excerpt of the file spans lines; the position says it better.
            message = PARSER_EXCERPT.matcher(message).replaceFirst("");
            source += " line " + line + ", column " + column;
        }
        return source + ": " + message.strip();
    }

    /** Returns the settings files that exist, joined by "and", or null when none does. */
    private static String source(MavenSettingsFiles files) {
        List<String> existing = new ArrayList<>();
        for (Path file : new Path[] {files.user(), files.global()}) {
            if (file != null && Files.isRegularFile(file)) {
                existing.add(file.toString());
            }
        }
        return existing.isEmpty() ? null : String.join(" and ", existing);
    }
}
