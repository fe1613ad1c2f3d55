package dev.tunebook.finetune.save;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves that must fail, and fail without harming what is there. */
class ModelExportBadInputTest {
    private static SaveFixture fixture;
    private static TrainingRun head;
    @TempDir static Path dir;

    @BeforeAll
    static void train() throws Exception {
        fixture = new SaveFixture(dir);
        head = fixture.train("head-run", TrainingMethod.HEAD);
    }

    private static ModelExport.Builder export(Path target) throws IOException {
        return ModelExport.builder()
                .setRun(RunWeights.of(head))
                .setBaseFolder(fixture.base)
                .setTarget(target)
                .optMerged(true);
    }

    @Test
    void savingIntoAFolderThatHoldsFilesFailsAndLeavesThemUnlessOverwriteIsAsked()
            throws Exception {
        Path target = dir.resolve("taken");
        Files.createDirectories(target);
        Files.writeString(target.resolve("notes.txt"), "mine");
        FileAlreadyExistsException e =
                assertThrows(FileAlreadyExistsException.class, () -> export(target).build().save());
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals("mine", Files.readString(target.resolve("notes.txt")));

        export(target).optOverwrite(true).build().save();
        assertFalse(Files.exists(target.resolve("notes.txt")));
        assertTrue(Files.isRegularFile(target.resolve("model.safetensors")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailedSaveLeavesTheOldFolderAndNoTemporaryOne() throws Exception {
        Path target = dir.resolve("kept");
        export(target).build().save();
        byte[] before = Files.readAllBytes(target.resolve("model.safetensors"));
        ModelExport broken =
                ModelExport.builder()
                        .setRun(RunWeights.of(head))
                        .setBaseFolder(dir.resolve("no-such-base"))
                        .setTarget(target)
                        .optMerged(true)
                        .optOverwrite(true)
                        .build();
        assertThrows(IOException.class, broken::save);
        assertTrue(
                java.util.Arrays.equals(
                        before, Files.readAllBytes(target.resolve("model.safetensors"))));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anUnknownRunIsNamedWithTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunWeights.find(fixture.store, "no-such-run"));
        assertTrue(e.getMessage().contains("no-such-run"), e.getMessage());
        assertTrue(e.getMessage().contains("head-run"), e.getMessage());
    }

    @Test
    void aRunWhoseWeightsWereDeletedSaysSo() throws Exception {
        TrainingRun gone = fixture.train("gone-run", TrainingMethod.HEAD);
        FolderWrite.deleteTree(gone.checkpoints());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunWeights.find(fixture.store, "gone-run"));
        assertTrue(e.getMessage().contains("gone-run"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(gone.checkpoints().toString()), e.getMessage());
    }

    @Test
    void anAdapterOfARunWithoutLoraIsRefused() throws Exception {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> export(dir.resolve("no-adapter")).optMerged(false).build().save());
        assertTrue(e.getMessage().contains("--merged"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("no-adapter")));
    }

    private static List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".tmp-"))
                    .toList();
        }
    }
}
