package dev.tunebook.kernel.jshell;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands objects from magics to notebook variables: a magic parks a value under a fresh key and a
 * generated snippet ({@code Type name = (Type) Bindings.take(key);}) picks it up. Public only
 * because snippet code must reach it.
 *
 * <p>Thread-safe.
 */
public final class Bindings {
    private static final Map<String, Object> parked = new ConcurrentHashMap<>();
    private static final AtomicLong keys = new AtomicLong();

    private Bindings() {}

    /** Parks {@code value} and returns the key that {@link #take} accepts once. */
    static String park(Object value) {
        String key = "binding-" + keys.incrementAndGet();
        parked.put(key, value == null ? Bindings.class : value);
        return key;
    }

    /** Returns and forgets the value parked under {@code key}. */
    public static Object take(String key) {
        Object value = parked.remove(key);
        if (value == null) {
            throw new NoSuchElementException("no value parked under " + key);
        }
        return value == Bindings.class ? null : value;
    }

    /** Forgets the value parked under {@code key} (when its snippet failed). */
    static void discard(String key) {
        parked.remove(key);
    }
}
