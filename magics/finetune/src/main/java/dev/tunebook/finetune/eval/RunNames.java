package dev.tunebook.finetune.eval;

/** Checks the names users give baseline runs. */
final class RunNames {
    private RunNames() {}

    /**
     * Returns {@code name} stripped.
     *
     * @throws IllegalArgumentException if it is null or blank
     */
    static String require(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a run name must not be blank");
        }
        return name.strip();
    }
}
