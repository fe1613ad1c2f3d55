package dev.tunebook.kernel.magic;

import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code %env}: lists, reads and sets environment variables. Java cannot change its own process's
 * environment, so values set here live in the session's overlay, which this magic reports and
 * {@link #get} reads, but {@code System.getenv} does not see.
 *
 * <p>Thread-safe.
 */
public final class EnvMagic {
    static final String USAGE =
            "%env [NAME | NAME=VALUE]\n"
                    + "Without arguments lists the environment; %env NAME shows one variable; %env\n"
                    + "NAME=VALUE sets it for this session. Java cannot change its own process\n"
                    + "environment: values set here are kept in the session's overlay, which %env\n"
                    + "reports but System.getenv does not see (child processes do not get them either).";

    private final Map<String, String> overlay = new ConcurrentHashMap<>();

    /** Returns the magic. */
    MagicSpec spec() {
        return MagicSpec.line("env", USAGE, (args, body, ctx) -> run(args));
    }

    /** Returns the value of {@code name}: the overlay's if set there, else the process's. */
    public String get(String name) {
        String value = overlay.get(name);
        return value != null ? value : System.getenv(name);
    }

    private Object run(String args) {
        if (args.isEmpty()) {
            return list();
        }
        int eq = args.indexOf('=');
        if (eq < 0) {
            String value = get(args);
            if (value == null) {
                throw new MagicUsageException("no environment variable " + args);
            }
            return MimeBundle.ofText(value);
        }
        String name = args.substring(0, eq).strip();
        if (name.isEmpty() || name.contains(" ")) {
            throw new MagicUsageException("not NAME=VALUE: " + args);
        }
        overlay.put(name, args.substring(eq + 1).strip());
        System.out.println("env: " + name + "=" + overlay.get(name) + " (session overlay)");
        return null;
    }

    private MimeBundle list() {
        Map<String, String> all = new TreeMap<>(System.getenv());
        all.putAll(overlay);
        StringBuilder text = new StringBuilder();
        all.forEach(
                (name, value) ->
                        text.append(name)
                                .append('=')
                                .append(value)
                                .append(overlay.containsKey(name) ? "   (session overlay)" : "")
                                .append('\n'));
        return MimeBundle.ofText(text.toString().stripTrailing());
    }
}
