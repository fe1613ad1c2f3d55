package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.source.DownloadProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunebook pretrain} end to end on a slice of the Debian descriptions, and its errors. */
class PretrainCommandTest {
    @TempDir Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return PretrainCommand.run(List.of(args), out, Cancellation.NONE);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Path slice() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        for (String split : List.of("train", "val")) {
            Path file = PretrainingTest.DEBIAN.resolve(split + ".jsonl");
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Files.write(
                    data.resolve(split + ".jsonl"),
                    lines.subList(0, split.equals("train") ? 200 : 30));
        }
        return data;
    }

    private List<String> tinyArgs(Path data, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--data",
                                data.toString(),
                                "--out",
                                dir.resolve("tiny-lm").toString(),
                                "--checkpoints",
                                dir.resolve("ckpt").toString(),
                                "--steps",
                                "4",
                                "--vocab",
                                "320",
                                "--hidden",
                                "32",
                                "--layers",
                                "1",
                                "--heads",
                                "2",
                                "--kv-heads",
                                "1",
                                "--intermediate",
                                "48",
                                "--context",
                                "32",
                                "--batch",
                                "2",
                                "--samples",
                                "2",
                                "--log-every",
                                "2"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void writesAModelFolderWithItsCard() throws IOException {
        Path data = slice();
        assertEquals(0, run(tinyArgs(data).toArray(String[]::new)), output());
        assertTrue(output().contains("tokenizer: learned 320 tokens"), output());
        assertTrue(output().contains("round-trip exactly"), output());
        Path folder = dir.resolve("tiny-lm");
        String card = Files.readString(folder.resolve("README.md"));
        assertTrue(card.startsWith("---\nlicense: apache-2.0"), card);
        assertTrue(card.contains("# tiny-lm"), card);
        assertTrue(card.contains("| steps | 4 |"), card);
        assertTrue(card.contains("| tokens seen | 256 ("), card);
        assertTrue(card.contains("perplexity"), card);
        assertTrue(card.contains("./tunebook pretrain --data " + data), card);
        assertTrue(card.contains("`{package} - {synopsis}\\n{description}`"), card);
        assertTrue(card.contains("## Samples"), card);
        try (LoadedModel model =
                LoadedModel.load(folder.toString(), "cpu", "float32", DownloadProgress.NONE)) {
            assertEquals(320, model.config().vocabSize());
            assertTrue(model.hasTokenizer());
        }
        // once complete, running again resumes at the end and writes the same model
        bytes.reset();
        assertEquals(0, run(tinyArgs(data).toArray(String[]::new)), output());
        assertTrue(output().contains("resumed from"), output());
    }

    @Test
    void badArgumentsAreNamed() throws IOException {
        assertEquals(2, run("--data", "x", "--out", "y", "--checkpoints", "z"));
        assertTrue(output().contains("--steps is required"), output());
        bytes.reset();
        assertEquals(2, run(tinyArgs(slice(), "--lr", "fast").toArray(String[]::new)));
        assertTrue(output().contains("--lr: 'fast' is not a number"), output());
        bytes.reset();
        assertEquals(2, run(tinyArgs(slice(), "--depth", "3").toArray(String[]::new)));
        assertTrue(output().contains("unknown option --depth"), output());
        bytes.reset();
        Files.writeString(dir.resolve("data/val.jsonl"), "{\"package\": \"a\"}\n");
        assertEquals(2, run(tinyArgs(dir.resolve("data")).toArray(String[]::new)));
        assertTrue(output().contains("val.jsonl:1: field 'synopsis' is missing"), output());
    }

    @Test
    void continuesAModelFolderWithItsTokenizerAndKeepsItsCard() throws IOException {
        Path data = slice();
        assertEquals(0, run(tinyArgs(data).toArray(String[]::new)), output());
        Path first = dir.resolve("tiny-lm");
        assertTrue(
                Files.readString(first.resolve("README.md")).contains("Copying from the context"));
        bytes.reset();
        Path second = dir.resolve("tiny-lm-2");
        List<String> args =
                List.of(
                        "--data", data.toString(),
                        "--out", second.toString(),
                        "--checkpoints", dir.resolve("ckpt-2").toString(),
                        "--init", first.toString(),
                        "--repeat", "0.5",
                        "--steps", "1",
                        "--lr", "1e-9",
                        "--batch", "2",
                        "--samples", "1");
        assertEquals(0, run(args.toArray(String[]::new)), output());
        assertFalse(output().contains("tokenizer: learned"), output());
        assertTrue(output().contains("starting from " + first), output());
        assertTrue(output().contains("50 % of the rows repeat their first half"), output());
        // the starting weights are the first model's: a step of 1e-9 leaves every BF16 value
        assertEquals(
                -1L,
                Files.mismatch(
                        first.resolve("model.safetensors"), second.resolve("model.safetensors")));
        assertEquals(
                -1L,
                Files.mismatch(first.resolve("tokenizer.json"), second.resolve("tokenizer.json")));
        String card = Files.readString(second.resolve("README.md"));
        assertTrue(card.contains("continued from the weights of `" + first + "`"), card);
        assertTrue(card.contains("| repeated rows | 50 % of the rows"), card);
        assertTrue(card.contains("## Earlier training\n\n### Training data"), card);
        assertTrue(card.contains("### Training\n"), card);
        assertTrue(card.contains("| steps | 4 |"), card);
        assertTrue(card.contains("| steps | 1 |"), card);
        assertTrue(card.indexOf("## Earlier training") < card.indexOf("## Samples"), card);

        bytes.reset();
        List<String> shaped = new ArrayList<>(args);
        shaped.addAll(List.of("--hidden", "64"));
        assertEquals(2, run(shaped.toArray(String[]::new)));
        assertTrue(output().contains("--hidden: --init takes the shape from " + first), output());
        bytes.reset();
        List<String> missing = new ArrayList<>(args);
        missing.set(missing.indexOf(first.toString()), dir.resolve("nothing").toString());
        assertEquals(2, run(missing.toArray(String[]::new)));
        assertTrue(output().contains("nothing: cannot read its config.json"), output());
    }
}
