package dev.tunebook.finetune.lora;

import dev.tunebook.finetune.nn.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * Every LoRA layer of a model merged into its base weight for a while, as a served adapter is, and
 * unmerged again on {@link #close()}: what measures the model's speed as it would be served. Layers
 * that are merged already or disabled are left as they are. A model without LoRA layers is
 * untouched.
 *
 * <p>Not thread-safe: nothing else may run the model meanwhile.
 */
public final class MergedAdapters implements AutoCloseable {
    private final List<LoraLinear> merged;

    private MergedAdapters(List<LoraLinear> merged) {
        this.merged = merged;
    }

    /** Merges the enabled, unmerged LoRA layers found anywhere under {@code model}. */
    public static MergedAdapters of(Layer model) {
        List<LoraLinear> merged = new ArrayList<>();
        try {
            mergeUnder(model, merged);
        } catch (RuntimeException e) {
            new MergedAdapters(merged).close();
            throw e;
        }
        return new MergedAdapters(merged);
    }

    /** Returns how many layers this merged. */
    public int count() {
        return merged.size();
    }

    /** Unmerges the layers this merged, in reverse order. */
    @Override
    public void close() {
        for (int i = merged.size() - 1; i >= 0; i--) {
            merged.get(i).unmerge();
        }
        merged.clear();
    }

    private static void mergeUnder(Layer layer, List<LoraLinear> merged) {
        if (layer instanceof LoraLinear lora) {
            if (!lora.isMerged()) {
                lora.merge();
                if (lora.isMerged()) {
                    merged.add(lora);
                }
            }
            return;
        }
        for (Layer child : layer.children().values()) {
            mergeUnder(child, merged);
        }
    }
}
