package dev.tunebook.kernel;

/**
 * Turns a value of type {@code T} into a {@link MimeBundle}. Registered per type through {@link
 * ExtensionContext#addRenderer}; the most specific registered type of a value wins.
 */
@FunctionalInterface
public interface Renderer<T> {
    /** Returns the representations of {@code value}; it should include {@code text/plain}. */
    MimeBundle render(T value);
}
