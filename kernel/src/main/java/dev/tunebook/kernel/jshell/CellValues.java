package dev.tunebook.kernel.jshell;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands an expression's value, computed without JShell, to the JShell variable ({@code $N}) that is
 * declared for it when a later snippet names it. Only the code the kernel generates calls this.
 */
public final class CellValues {
    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();

    private CellValues() {}

    /** Returns and forgets the value kept under {@code key}. */
    public static Object take(String key) {
        Object value = VALUES.remove(key);
        return value == Null.INSTANCE ? null : value;
    }

    static void put(String key, Object value) {
        VALUES.put(key, value == null ? Null.INSTANCE : value);
    }

    static Object peek(String key) {
        Object value = VALUES.get(key);
        return value == Null.INSTANCE ? null : value;
    }

    static void remove(String key) {
        VALUES.remove(key);
    }

    private enum Null {
        INSTANCE
    }
}
