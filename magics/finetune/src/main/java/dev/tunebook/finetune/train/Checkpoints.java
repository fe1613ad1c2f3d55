package dev.tunebook.finetune.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tunebook.finetune.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checkpoints of one run, in a folder of their own. Each checkpoint is a folder {@code step-N}
 * holding {@code trainable.safetensors} (the trained parameters; for LoRA also {@code adapter/} in
 * PEFT's format), {@code optimizer.safetensors} (AdamW state) and {@code state.json} ({@link
 * CheckpointState}). It is written under a temporary name and renamed when complete; the text files
 * {@code latest} and {@code best} name the current and best checkpoint folders and are themselves
 * replaced by rename. So a crash mid-write leaves the previous checkpoint in force, and a
 * half-written folder is never named. Older checkpoints that neither file names are deleted.
 *
 * <p>Instances are not thread-safe.
 */
public final class Checkpoints {
    static final String STATE = "state.json";
    static final String OPTIMIZER = "optimizer.safetensors";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path root;

    /** Runs after a checkpoint's files are written, before the folder is committed (tests). */
    interface Hook {
        /** The hook that does nothing. */
        Hook NONE = () -> {};

        void beforeCommit() throws IOException;
    }

    private final Hook hook;

    /** Opens (without creating) the checkpoints folder {@code root}. */
    public Checkpoints(Path root) {
        this(root, Hook.NONE);
    }

    Checkpoints(Path root, Hook hook) {
        this.root = root;
        this.hook = hook;
    }

    /** Returns the folder. */
    public Path root() {
        return root;
    }

    /**
     * Writes a checkpoint and makes it the latest; returns its folder. An interrupt does not cut it
     * short (see {@link AtomicFile#uninterruptibly}).
     */
    Path write(CheckpointState state, TrainingTask task, AdamW optimizer) throws IOException {
        return AtomicFile.uninterruptibly(() -> commit(state, task, optimizer));
    }

    private Path commit(CheckpointState state, TrainingTask task, AdamW optimizer)
            throws IOException {
        Files.createDirectories(root);
        Path temp = Files.createTempDirectory(root, ".tmp-step-" + state.step() + "-");
        try {
            task.save(temp);
            optimizer.save(temp.resolve(OPTIMIZER));
            Files.write(temp.resolve(STATE), JSON.writeValueAsBytes(state));
            hook.beforeCommit();
            Path target = freeName("step-" + state.step());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            point("latest", target);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
    }

    private Path freeName(String base) {
        Path target = root.resolve(base);
        for (int i = 2; Files.exists(target); i++) {
            target = root.resolve(base + "-" + i);
        }
        return target;
    }

    /** Names {@code checkpoint} as the best one. */
    void markBest(Path checkpoint) throws IOException {
        AtomicFile.uninterruptibly(
                () -> {
                    point("best", checkpoint);
                    return null;
                });
    }

    private void point(String pointer, Path checkpoint) throws IOException {
        Path temp = Files.createTempFile(root, ".tmp-" + pointer + "-", "");
        Files.writeString(temp, checkpoint.getFileName().toString(), StandardCharsets.UTF_8);
        Files.move(temp, root.resolve(pointer), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Returns the latest complete checkpoint's folder, if any. */
    public Optional<Path> latest() throws IOException {
        return resolve("latest");
    }

    /** Returns the best checkpoint's folder, if any. */
    public Optional<Path> best() throws IOException {
        return resolve("best");
    }

    private Optional<Path> resolve(String pointer) throws IOException {
        Path file = root.resolve(pointer);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path dir = root.resolve(Files.readString(file, StandardCharsets.UTF_8).trim());
        if (!Files.isRegularFile(dir.resolve(STATE))) {
            throw new IOException(file + " names " + dir + ", which holds no " + STATE);
        }
        return Optional.of(dir);
    }

    /** Reads the state of checkpoint folder {@code dir}. */
    public static CheckpointState state(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(STATE).toFile(), CheckpointState.class);
    }

    /** Deletes checkpoint folders that neither {@code latest} nor {@code best} names. */
    void prune() throws IOException {
        AtomicFile.uninterruptibly(
                () -> {
                    deleteUnnamed();
                    return null;
                });
    }

    private void deleteUnnamed() throws IOException {
        Set<Path> kept = new java.util.HashSet<>();
        latest().ifPresent(kept::add);
        best().ifPresent(kept::add);
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                boolean stale = name.startsWith("step-") || name.startsWith(".tmp-step-");
                if (Files.isDirectory(child) && stale && !kept.contains(child)) {
                    deleteTree(child);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
