package dev.tunebook.finetune.nn;

/**
 * A layer that only names its children, like {@code nn.ModuleList} or a plain {@code nn.Module}
 * container: {@code encoder.layer.0}, {@code attention.output}.
 */
public final class LayerGroup extends Layer {
    /** Adds {@code child} under {@code name} and returns it. */
    public <T extends Layer> T add(String name, T child) {
        return addChild(name, child);
    }

    /** Returns the child {@code name} cast to {@code type}. */
    public <T extends Layer> T get(String name, Class<T> type) {
        return type.cast(child(name));
    }
}
