package dev.tunebook.finetune.runs;

import dev.tunebook.finetune.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The run records of one notebook: {@code HOME/runs/ID.json}, where {@code HOME} is {@code
 * $TUNEBOOK_HOME} or else {@code .tunebook} in the working directory (beside the notebook).
 *
 * <p>Every write replaces a file atomically, so a reader never sees half a record; a file that
 * still cannot be read (hand-edited, truncated by a full disk) is reported by {@link #list()} and
 * skipped. Instances are thread-safe as far as the file system is; concurrent writers of the same
 * run must coordinate (as {@link RunRecorder} does).
 */
public final class RunStore {
    /** The environment variable that moves the store. */
    public static final String HOME_ENV = "TUNEBOOK_HOME";

    private final Path dir;
    private final Clock clock;

    private RunStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Opens the store for the current process: {@code $TUNEBOOK_HOME} or {@code ./.tunebook}. */
    public static RunStore open() {
        return at(home(System.getenv(), Path.of("")));
    }

    /** Opens the store whose home (the folder holding {@code runs/}) is {@code home}. */
    public static RunStore at(Path home) {
        return new RunStore(home.toAbsolutePath().resolve("runs"), Clock.systemUTC());
    }

    /** Returns the home folder for {@code env} and working directory {@code cwd}. */
    static Path home(Map<String, String> env, Path cwd) {
        String configured = env.get(HOME_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return cwd.toAbsolutePath().resolve(".tunebook");
    }

    /** Returns a store over the same folder whose timestamps come from {@code clock}. */
    public RunStore withClock(Clock clock) {
        return new RunStore(dir, clock);
    }

    /** Returns the folder holding the run files. */
    public Path directory() {
        return dir;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Stores a new run: assigns an id and start time unless set, sets status {@code running} unless
     * set, writes it, and returns it as stored.
     */
    public RunRecord create(RunRecord run) {
        if (run.name().isBlank()) {
            throw new IllegalArgumentException("a run needs a kind and a non-blank name");
        }
        RunRecordBuilder stored = run.toBuilder();
        Instant started = run.startedAt() != null ? run.startedAt() : clock.instant();
        stored.optStartedAt(started);
        if (run.id() == null) {
            stored.optId(RunId.next(started));
        }
        if (run.status() == null) {
            stored.optStatus(RunStatus.RUNNING);
        }
        RunRecord created = stored.build();
        save(created);
        return created;
    }

    /** Starts recording a run: {@link #create}s it and returns a recorder for its steps. */
    public RunRecorder start(RunRecord run, Duration flushInterval) {
        return new RunRecorder(this, create(run), flushInterval);
    }

    /** Writes {@code run} atomically, replacing its previous version. */
    public void save(RunRecord run) {
        if (run.id() == null || !RunId.isId(run.id())) {
            throw new IllegalArgumentException("cannot save run with id '" + run.id() + "'");
        }
        try {
            AtomicFile.write(fileOf(run.id()), RunJson.write(run));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write run " + fileOf(run.id()), e);
        }
    }

    /** Returns the file that holds run {@code id}. */
    public Path fileOf(String id) {
        return dir.resolve(id + ".json");
    }

    /** Reads every run, oldest first; unreadable files are skipped and named in the listing. */
    public RunListing list() {
        List<RunRecord> runs = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path file : files()) {
            try {
                runs.add(RunJson.read(Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                // deleted between listing and reading: not a problem to report
            } catch (IOException | RuntimeException e) {
                skipped.add(new SkippedFile(file, firstLine(e.getMessage())));
            }
        }
        // Ids order by the second a run started; runs started in the same second (an %eval right
        // after another) order by their full start instant, so "the latest named X" is the latest.
        runs.sort(
                Comparator.comparing(
                                (RunRecord r) ->
                                        r.id().length() >= 15 ? r.id().substring(0, 15) : r.id())
                        .thenComparing(r -> r.startedAt() == null ? Instant.EPOCH : r.startedAt())
                        .thenComparing(RunRecord::id));
        return new RunListing(runs, skipped);
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(
                    f -> {
                        if (!f.getFileName().toString().startsWith(".")) {
                            files.add(f);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list run store " + dir, e);
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Returns the run with id {@code key}; else the latest run named {@code key}; else the only run
     * whose id starts with {@code key}.
     */
    public Optional<RunRecord> get(String key) {
        List<RunRecord> runs = list().runs();
        for (RunRecord r : runs) {
            if (r.id().equals(key)) {
                return Optional.of(r);
            }
        }
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (key.equals(runs.get(i).name())) {
                return Optional.of(runs.get(i));
            }
        }
        List<RunRecord> byPrefix = runs.stream().filter(r -> r.id().startsWith(key)).toList();
        return byPrefix.size() == 1 ? Optional.of(byPrefix.get(0)) : Optional.empty();
    }

    /**
     * Returns the run {@link #get} finds for {@code key}.
     *
     * @throws IllegalArgumentException naming the store and the known runs if there is none
     */
    public RunRecord require(String key) {
        return get(key).orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no run '"
                                                + key
                                                + "' in "
                                                + dir
                                                + "; known runs: "
                                                + list().runs().stream()
                                                        .map(RunRecord::name)
                                                        .distinct()
                                                        .collect(Collectors.joining(", "))));
    }

    /** Reads run {@code key}, applies {@code change}, saves and returns the changed run. */
    public RunRecord update(String key, UnaryOperator<RunRecord> change) {
        RunRecord run = change.apply(require(key));
        save(run);
        return run;
    }
}
