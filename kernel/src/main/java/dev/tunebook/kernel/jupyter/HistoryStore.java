package dev.tunebook.kernel.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input history that Jupyter's {@code history_request} reads: every stored cell, kept in a JSON
 * Lines file so it survives kernel restarts. Each kernel start opens a new session whose number is
 * one more than the highest in the file. Lines are appended under a file lock, so kernels running
 * at once do not tear each other's records; a line that cannot be parsed is skipped with a warning
 * naming the file and line.
 *
 * <p>Thread-safe.
 */
public final class HistoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<HistoryItem> items = new ArrayList<>();
    private final int session;

    private HistoryStore(Path file) {
        this.file = file;
        int last = load();
        this.session = last + 1;
        ObjectNode start = JSON.createObjectNode().put("session", session).put("started", now());
        append(start);
    }

    /** Opens the history in {@code file} and starts a new session in it. */
    public static HistoryStore open(Path file) {
        return new HistoryStore(file);
    }

    /**
     * Returns the default history file: {@code $TUNEBOOK_HISTORY}, else {@code
     * $XDG_DATA_HOME/tunebook/history.jsonl} (XDG_DATA_HOME defaults to ~/.local/share).
     */
    public static Path defaultFile() {
        String explicit = System.getenv("TUNEBOOK_HISTORY");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data =
                xdg != null && !xdg.isBlank()
                        ? Path.of(xdg)
                        : Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("tunebook").resolve("history.jsonl");
    }

    /** Returns this kernel's session number. */
    public int session() {
        return session;
    }

    /** Stores a cell of this session. */
    public synchronized void add(int line, String input, String output) {
        items.add(new HistoryItem(session, line, input, output));
        ObjectNode node = JSON.createObjectNode().put("session", session).put("line", line);
        node.put("input", input);
        if (output != null) {
            node.put("output", output);
        }
        append(node);
    }

    /** Returns the last {@code n} cells over all sessions, oldest first. */
    public synchronized List<HistoryItem> tail(int n) {
        int from = n <= 0 ? 0 : Math.max(0, items.size() - n);
        return List.copyOf(items.subList(from, items.size()));
    }

    /**
     * Returns cells {@code start} (inclusive) to {@code stop} (exclusive; 0 or less means to the
     * end) of {@code session}: a positive number is absolute, 0 is this session, a negative one
     * counts back from it.
     */
    public synchronized List<HistoryItem> range(int session, int start, int stop) {
        int wanted = session > 0 ? session : this.session + session;
        List<HistoryItem> out = new ArrayList<>();
        for (HistoryItem item : items) {
            boolean inRange = item.line() >= start && (stop <= 0 || item.line() < stop);
            if (item.session() == wanted && inRange) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * Returns the cells whose source matches the glob {@code pattern} ({@code *}, {@code ?}, {@code
     * [...]}, matched against the whole source as IPython does), the last {@code n} of them (all
     * when {@code n <= 0}), oldest first; with {@code unique}, only the latest of equal sources.
     */
    public synchronized List<HistoryItem> search(String pattern, int n, boolean unique) {
        Pattern regex = Glob.toRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        Map<String, HistoryItem> latest = new LinkedHashMap<>();
        List<HistoryItem> matches = new ArrayList<>();
        for (HistoryItem item : items) {
            if (regex.matcher(item.input()).matches()) {
                matches.add(item);
                latest.remove(item.input());
                latest.put(item.input(), item);
            }
        }
        List<HistoryItem> found = unique ? new ArrayList<>(latest.values()) : matches;
        int from = n <= 0 ? 0 : Math.max(0, found.size() - n);
        return List.copyOf(found.subList(from, found.size()));
    }

    private int load() {
        int last = 0;
        if (!Files.exists(file)) {
            return last;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                last = Math.max(last, parse(lines.get(i), i + 1));
            }
        } catch (IOException e) {
            LOG.warn("Could not read history file {}: {}", file, e.toString());
        }
        return last;
    }

    private int parse(String line, int number) {
        if (line.isBlank()) {
            return 0;
        }
        try {
            JsonNode node = JSON.readTree(line);
            int session = node.path("session").asInt();
            if (node.has("input")) {
                JsonNode output = node.get("output");
                items.add(
                        new HistoryItem(
                                session,
                                node.path("line").asInt(),
                                node.path("input").asText(),
                                output == null ? null : output.asText()));
            }
            return session;
        } catch (IOException e) {
            LOG.warn("Skipped unreadable history line {}:{}: {}", file, number, e.getMessage());
            return 0;
        }
    }

    private void append(ObjectNode node) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel =
                            FileChannel.open(
                                    file,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.APPEND);
                    FileLock lock = channel.lock()) {
                channel.write(ByteBuffer.wrap(bytes));
            }
        } catch (IOException e) {
            // The kernel stays usable without a writable history; say so once per failure.
            LOG.warn("Could not write history file {}: {}", file, e.toString());
        }
    }

    private static String now() {
        return java.time.Instant.now().toString();
    }
}
