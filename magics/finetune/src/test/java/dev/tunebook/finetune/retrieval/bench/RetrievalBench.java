package dev.tunebook.finetune.retrieval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.eval.TextEncoder;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.retrieval.IndexProgress;
import dev.tunebook.finetune.retrieval.RetrievalEvaluation;
import dev.tunebook.finetune.retrieval.RetrievalEvaluator;
import dev.tunebook.finetune.retrieval.Retriever;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.source.MavenEncoder;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Index build speed (passages/s) and query latency of all-MiniLM-L6-v2 over Debian package
 * descriptions (not a test): builds an index of the first N descriptions of {@code
 * debian-packages/train.jsonl} after a warm-up batch, times Q single queries (their synopses:
 * embedding plus exhaustive search, and the search alone), then records recall@1/5/10 and MRR@10 of
 * every synopsis finding its own package. Run with {@code ./tunebook bench RetrievalBench [N] [Q]}
 * (defaults 2000 and 100).
 */
public final class RetrievalBench {
    private RetrievalBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int q = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean recall = args.length < 3 || !args[2].equals("--no-recall");
        Path data = Path.of(System.getProperty("tunebook.datasets", "notebooks/data"));
        List<String> packages = new ArrayList<>();
        List<String> synopses = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in =
                Files.newBufferedReader(data.resolve("debian-packages/train.jsonl"))) {
            for (String line = in.readLine();
                    line != null && packages.size() < n;
                    line = in.readLine()) {
                JsonNode r = json.readTree(line);
                packages.add(r.get("package").asText());
                synopses.add(r.get("synopsis").asText());
                descriptions.add(r.get("description").asText());
            }
        }
        MavenEncoder minilm = MavenEncoder.known().get(0);
        try (LoadedModel model =
                LoadedModel.load(minilm.source(), "cpu", "float32", DownloadProgress.NONE)) {
            TextEncoder encoder = new TextEncoder((BertModel) model.model(), model.tokenizer());
            long warm = System.nanoTime();
            encoder.embed(descriptions.subList(0, Math.min(16, n)));
            System.out.printf(
                    Locale.ROOT, "warm-up batch of 16: %.1f s%n", (System.nanoTime() - warm) / 1e9);
            long start = System.nanoTime();
            double cpu0 = cpuSeconds();
            Retriever retriever =
                    Retriever.builder()
                            .setEncoder(encoder, minilm.name())
                            .setPassages(packages, descriptions)
                            .build();
            double build = (System.nanoTime() - start) / 1e9;
            double buildCpu = cpuSeconds() - cpu0;
            System.out.printf(
                    Locale.ROOT,
                    "index build: %d descriptions in %.1f s wall = %.1f passages/s; %.1f CPU s ="
                            + " %.1f passages per CPU second (batch 64, %d processors)%n",
                    n,
                    build,
                    n / build,
                    buildCpu,
                    n / buildCpu,
                    Runtime.getRuntime().availableProcessors());
            double[] query = new double[q];
            double[] search = new double[q];
            for (int i = 0; i < q; i++) {
                String text = synopses.get(i * (n / q));
                long t0 = System.nanoTime();
                float[] v = encoder.embed(text);
                long t1 = System.nanoTime();
                retriever.index().search(v, 10);
                long t2 = System.nanoTime();
                query[i] = (t2 - t0) / 1e6;
                search[i] = (t2 - t1) / 1e6;
            }
            System.out.println("query latency (embed + top-10 of " + n + "), ms: " + stats(query));
            System.out.println("search alone (top-10 of " + n + "), ms: " + stats(search));
            if (!recall) {
                return;
            }
            Path runs = Files.createTempDirectory("tunebook-bench-runs");
            long e0 = System.nanoTime();
            RetrievalEvaluation e =
                    RetrievalEvaluator.record(
                            RunStore.at(runs),
                            RunRecord.builder(RunKind.EVAL, "retrieval bench")
                                    .optSplit("train")
                                    .build(),
                            "debian-" + n,
                            retriever,
                            synopses,
                            packages,
                            IndexProgress.NONE,
                            Cancellation.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "synopsis -> own description over %d passages: %s (%d queries in %.1f s)%n",
                    n,
                    e.metrics().asMap(),
                    n,
                    (System.nanoTime() - e0) / 1e9);
        }
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private static String stats(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(
                Locale.ROOT,
                "median %.2f, p90 %.2f, max %.2f (n=%d)",
                s[s.length / 2],
                s[(int) (s.length * 0.9)],
                s[s.length - 1],
                s.length);
    }
}
