package dev.tunebook.kernel;

import java.util.Objects;

/**
 * A registered magic: its name (without {@code %}), whether it is a line or cell magic, its usage
 * text (first line is the synopsis, the rest explains), and its implementation. {@code %lsmagic},
 * {@code %help NAME} and the README's magics table are generated from these.
 */
public record MagicSpec(String name, Kind kind, String usage, Magic magic) {
    /** Whether a magic is written {@code %name} (LINE) or {@code %%name} (CELL). */
    public enum Kind {
        LINE,
        CELL
    }

    public MagicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(magic, "magic");
    }

    /** Returns a line magic. */
    public static MagicSpec line(String name, String usage, Magic magic) {
        return new MagicSpec(name, Kind.LINE, usage, magic);
    }

    /** Returns a cell magic. */
    public static MagicSpec cell(String name, String usage, Magic magic) {
        return new MagicSpec(name, Kind.CELL, usage, magic);
    }

    /** Returns the first line of the usage text. */
    public String synopsis() {
        int nl = usage.indexOf('\n');
        return nl < 0 ? usage : usage.substring(0, nl);
    }
}
