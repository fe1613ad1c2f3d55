package dev.tunebook.finetune.retrieval;

/**
 * Which encoder built an index: its name (as runs record it, {@code all-MiniLM-L6-v2}) and the
 * length of its embeddings. Queries must be embedded by the same encoder; an index refuses others.
 *
 * @param name the encoder's short name
 * @param dimension the length of its embeddings
 */
public record EncoderId(String name, int dimension) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException for a blank name or a dimension below 1
     */
    public EncoderId {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an encoder needs a name");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("encoder " + name + ": dimension " + dimension);
        }
    }

    @Override
    public String toString() {
        return name + " (dimension " + dimension + ")";
    }
}
