package dev.tunebook.kernel.jupyter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of the last messages accepted, so that a validly signed message sent again (a
 * replay, from any connection) is refused, as ipykernel refuses a repeated digest. Memory is
 * bounded: past {@code capacity} signatures the oldest are forgotten (ipykernel keeps 65,536).
 *
 * <p>Thread-safe: one history serves every socket of a kernel.
 */
final class SignatureHistory {
    /** ipykernel's {@code Session.digest_history_size}. */
    static final int DEFAULT_CAPACITY = 1 << 16;

    private final Map<String, Boolean> seen;

    SignatureHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.seen =
                new LinkedHashMap<>(16, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** Records {@code signature}; returns false when it was already recorded (a replay). */
    synchronized boolean firstSighting(String signature) {
        return seen.putIfAbsent(signature, Boolean.TRUE) == null;
    }

    /** Returns how many signatures are remembered. */
    synchronized int size() {
        return seen.size();
    }
}
