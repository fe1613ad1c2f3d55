package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses parameters to freeze by their Hugging Face names: the first N transformer layers (with
 * the embeddings below them), or everything but the head. Instances are immutable.
 */
public final class ParameterFilter {
    /**
     * The layer index in {@code transformer.h.3.}, {@code model.layers.3.}, {@code
     * encoder.layer.3.}.
     */
    private static final Pattern LAYER = Pattern.compile("(?:^|\\.)(?:h|layers|layer)\\.(\\d+)\\.");

    private static final Pattern EMBEDDING =
            Pattern.compile("(?:^|\\.)(?:embeddings|embed_tokens|wte|wpe)(?:\\.|$)");

    /** Head modules of transformers' task models. */
    public static final List<String> HEADS =
            List.of("lm_head", "classifier", "score", "qa_outputs");

    private final Predicate<String> frozen;

    private ParameterFilter(Predicate<String> frozen) {
        this.frozen = frozen;
    }

    /** Returns a filter that freezes the embeddings and the layers with index below {@code n}. */
    public static ParameterFilter firstLayers(int n) {
        return new ParameterFilter(
                name -> isEmbedding(name) || layerIndex(name).orElse(Integer.MAX_VALUE) < n);
    }

    /** Returns a filter that freezes every parameter outside the head modules {@link #HEADS}. */
    public static ParameterFilter allButHead() {
        return allBut(HEADS);
    }

    /** Returns a filter that freezes every parameter outside the modules named {@code heads}. */
    public static ParameterFilter allBut(List<String> heads) {
        return new ParameterFilter(name -> heads.stream().noneMatch(h -> inModule(name, h)));
    }

    /** Returns a filter that freezes the parameters {@code frozen} accepts. */
    public static ParameterFilter of(Predicate<String> frozen) {
        return new ParameterFilter(frozen);
    }

    /** Returns the transformer layer index in a parameter name, if it has one. */
    public static OptionalInt layerIndex(String name) {
        Matcher m = LAYER.matcher(name);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private static boolean isEmbedding(String name) {
        return EMBEDDING.matcher(name).find();
    }

    private static boolean inModule(String name, String module) {
        return name.equals(module)
                || name.startsWith(module + ".")
                || name.contains("." + module + ".");
    }

    /** Returns whether parameter {@code name} is frozen. */
    public boolean isFrozen(String name) {
        return frozen.test(name);
    }

    /** Returns the parameters of {@code parameters} that stay trainable, in order. */
    public Map<String, NDArray> trainable(Map<String, NDArray> parameters) {
        Map<String, NDArray> kept = new LinkedHashMap<>();
        parameters.forEach(
                (name, array) -> {
                    if (!isFrozen(name)) {
                        kept.put(name, array);
                    }
                });
        return kept;
    }

    /**
     * Stops gradients for the frozen parameters of {@code parameters} and turns them on for the
     * rest, and returns the trainable ones.
     */
    public Map<String, NDArray> apply(Map<String, NDArray> parameters) {
        parameters.forEach((name, array) -> array.setRequiresGradient(!isFrozen(name)));
        return trainable(parameters);
    }
}
