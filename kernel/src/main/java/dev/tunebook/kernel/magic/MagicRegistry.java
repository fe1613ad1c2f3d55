package dev.tunebook.kernel.magic;

import dev.tunebook.kernel.MagicSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The magics a session knows, by name and kind. A later registration of the same name and kind
 * replaces the earlier one, so an extension can override a core magic.
 *
 * <p>Thread-safe.
 */
public final class MagicRegistry {
    private final Map<String, MagicSpec> magics = new ConcurrentHashMap<>();

    /** Registers {@code magic}. */
    public void register(MagicSpec magic) {
        magics.put(key(magic.name(), magic.kind()), magic);
    }

    /** Returns the magic called {@code name} of {@code kind}, or null. */
    public MagicSpec find(String name, MagicSpec.Kind kind) {
        return magics.get(key(name, kind));
    }

    /** Returns the line magic called {@code name}, else the cell magic, else null. */
    public MagicSpec findAny(String name) {
        MagicSpec line = find(name, MagicSpec.Kind.LINE);
        return line != null ? line : find(name, MagicSpec.Kind.CELL);
    }

    /** Returns every magic, line magics first, each kind sorted by name. */
    public List<MagicSpec> all() {
        List<MagicSpec> all = new ArrayList<>(magics.values());
        all.sort(Comparator.comparing(MagicSpec::kind).thenComparing(MagicSpec::name));
        return all;
    }

    /**
     * Returns the names of {@code kind} that look like {@code name} (typos, prefixes), best first.
     */
    public List<String> closeNames(String name, MagicSpec.Kind kind) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return all().stream()
                .filter(m -> m.kind() == kind)
                .map(MagicSpec::name)
                .filter(n -> isClose(lower, n.toLowerCase(java.util.Locale.ROOT)))
                .sorted(
                        Comparator.comparingInt(
                                n -> distance(lower, n.toLowerCase(java.util.Locale.ROOT))))
                .toList();
    }

    private static boolean isClose(String typed, String known) {
        return known.startsWith(typed)
                || typed.startsWith(known)
                || distance(typed, known) <= (known.length() < 4 ? 1 : 2);
    }

    /** Returns the edit distance of {@code a} and {@code b}, a swap of neighbours counting 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String key(String name, MagicSpec.Kind kind) {
        return kind + ":" + name;
    }
}
