package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.CancellationSource;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code tunebook pretrain}: learns a tokenizer on the training documents (once), pretrains a Llama
 * model on them ({@link Pretraining}), and writes the Hugging Face folder with its model card.
 * Ctrl-C (or SIGTERM) lets the current step finish, writes a checkpoint and exits with 130; the
 * same command resumes. Exit status: 0 when the folder is written, 1 when training diverged, 2 on
 * bad arguments or input, 130 when interrupted.
 */
public final class PretrainCommand {
    private PretrainCommand() {}

    /** Runs the command with {@code args} and exits with its status. */
    public static void main(String[] args) {
        CancellationSource stop = new CancellationSource();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            stop.cancel();
                            awaitQuietly(done);
                        },
                        "tunebook-pretrain-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            status = run(List.of(args), System.out, stop);
        } finally {
            done.countDown();
        }
        System.exit(status);
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the command and returns its exit status. */
    static int run(List<String> args, PrintStream out, Cancellation cancellation) {
        PretrainArguments a;
        List<String> train;
        List<String> validation;
        try {
            a = PretrainArguments.parse(args);
            train = a.template().read(a.data().resolve("train.jsonl"));
            validation = a.template().read(a.data().resolve("val.jsonl"));
        } catch (IllegalArgumentException | IOException e) {
            out.println("tunebook pretrain: " + e.getMessage());
            out.print(PretrainArguments.USAGE);
            return 2;
        }
        String machine = machine();
        out.println("machine: " + machine);
        try {
            if (!a.settings().init().isEmpty()) {
                PretrainingInit.keep(
                        Path.of(a.settings().init()),
                        a.checkpoints(),
                        a.checkpoints().resolve("tokenizer"));
            }
        } catch (IOException e) {
            out.println("tunebook pretrain: " + e.getMessage());
            return 2;
        }
        try (Tokenizer tokenizer =
                PretrainTokenizer.prepare(
                        a.checkpoints().resolve("tokenizer"),
                        a.settings().shape().vocabSize(),
                        a.settings().shape().maxPositions(),
                        train,
                        validation,
                        out)) {
            return pretrain(a, tokenizer, train, validation, machine, args, out, cancellation);
        } catch (IllegalArgumentException | IOException e) {
            out.println("tunebook pretrain: " + e.getMessage());
            return 2;
        }
    }

    private static int pretrain(
            PretrainArguments a,
            Tokenizer tokenizer,
            List<String> train,
            List<String> validation,
            String machine,
            List<String> args,
            PrintStream out,
            Cancellation cancellation)
            throws IOException {
        Path tokenizerFolder = a.checkpoints().resolve("tokenizer");
        List<String> prompts =
                validation.stream()
                        .limit(a.samples())
                        .map(d -> d.substring(0, d.indexOf('\n') + 1))
                        .toList();
        try (PretrainingRun run =
                Pretraining.builder()
                        .setSettings(a.settings())
                        .setTokenizer(
                                tokenizer,
                                PretrainTokenizer.size(tokenizerFolder.resolve("tokenizer.json")))
                        .setDocuments(train, validation)
                        .setCheckpoints(a.checkpoints())
                        .optCancellation(cancellation)
                        .optOutput(out)
                        .optSamples(prompts, 96)
                        .build()
                        .run()) {
            if (!run.completed()) {
                return "interrupted".equals(run.status()) ? 130 : 1;
            }
            String card =
                    new PretrainingModelCard(
                                    a.name(),
                                    a.settings(),
                                    run,
                                    data(a, run, validation.size()),
                                    machine,
                                    command(args),
                                    PretrainingInit.earlierTraining(a.checkpoints()))
                            .markdown();
            PretrainedModelFolder.write(a.out(), run, tokenizerFolder, card);
            out.printf(
                    Locale.ROOT,
                    "wrote %s: validation loss %.4f, perplexity %.2f; %,d tokens in %s (%.0f"
                            + " tok/s)%n",
                    a.out(),
                    run.validation().get("loss"),
                    run.validation().get("perplexity"),
                    run.tokensSeen(),
                    PretrainingLoop.duration(run.trainSeconds()),
                    run.tokensSeen() / Math.max(run.trainSeconds(), 1e-9));
            return 0;
        }
    }

    private static String data(PretrainArguments a, PretrainingRun run, int validationDocuments) {
        return String.format(
                Locale.ROOT,
                "The `train.jsonl` split of `%s` (see its README for where the text comes from,"
                        + " how it was cleaned and under what terms it is shared): %,d records,"
                        + " one document each, written as `%s`, with `<|endoftext|>` after every"
                        + " document: %,d tokens an epoch. The tokenizer was learned on the same"
                        + " documents. Validation: `val.jsonl` (%,d documents, other source packages);"
                        + " `test.jsonl` was not used.",
                a.data(),
                run.trainDocuments(),
                a.template().template().replace("\n", "\\n"),
                run.trainTokens(),
                validationDocuments);
    }

    private static String command(List<String> args) {
        return "./tunebook pretrain "
                + args.stream()
                        .map(
                                s ->
                                        s.matches("[A-Za-z0-9_./=:,+-]+")
                                                ? s
                                                : "'" + s.replace("'", "'\\''") + "'")
                        .collect(Collectors.joining(" "));
    }

    /** Returns the CPU, cores, load, OS, Java and PyTorch versions of this machine. */
    static String machine() {
        String cpu = "unknown CPU";
        String load = "";
        try {
            cpu =
                    Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                            .filter(l -> l.startsWith("model name"))
                            .map(l -> l.substring(l.indexOf(':') + 1).strip())
                            .findFirst()
                            .orElse(cpu);
            load =
                    ", load average "
                            + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]
                            + " at start";
        } catch (IOException e) {
            // not Linux: the CPU stays unknown
        }
        return String.format(
                Locale.ROOT,
                "%s, %d cores%s; %s %s, Java %s, PyTorch %s (DJL)",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                load,
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Runtime.version(),
                Engine.getInstance().getVersion());
    }
}
