package dev.tunebook.finetune.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.Collator;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.TrainingData;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the frozen all-MiniLM-L6-v2 mean-pooled embeddings of the UCI split "all" (max length 64,
 * as FineTuneAccuracyBench) so that {@code probe_reference.py} can train the linear probe with
 * PyTorch's own AdamW, schedule and clipping: the reference stack for the head-only method on the
 * very same features. Per split: {@code SPLIT.f32} (rows × 384 little-endian float32) and {@code
 * SPLIT.labels} (one label id per line).
 *
 * <p>Usage: {@code ProbeEmbeddingsExport OUT_DIR}.
 */
public final class ProbeEmbeddingsExport {
    private ProbeEmbeddingsExport() {}

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "probe-features"));
        Path work = Files.createTempDirectory("probe-export");
        Dataset all = UciMiniLm.dataset();
        try (LanguageModel model = UciMiniLm.model(work);
                Tokenizer tokenizer = UciMiniLm.tokenizer(work)) {
            TrainingData data = TrainingData.of(all, tokenizer, null, 64);
            Collator collator = Collator.builder().setPadId(0).optMaxLength(64).build();
            for (String split : List.of("train", data.validationSplit(), "test")) {
                List<Example> examples = data.split(split);
                try (OutputStream f = Files.newOutputStream(out.resolve(split + ".f32"));
                        DataOutputStream labels =
                                new DataOutputStream(
                                        Files.newOutputStream(out.resolve(split + ".labels")))) {
                    for (int start = 0; start < examples.size(); start += 64) {
                        List<Example> batch =
                                examples.subList(start, Math.min(examples.size(), start + 64));
                        try (NDManager scope = model.manager().newSubManager()) {
                            NDList in = collator.collate(batch).toNDList(scope);
                            NDArray pooled =
                                    ((BertModel) model).embed(in.get(0), in.get(1), Pooling.MEAN);
                            float[] values = pooled.toFloatArray();
                            ByteBuffer bytes =
                                    ByteBuffer.allocate(values.length * 4)
                                            .order(ByteOrder.LITTLE_ENDIAN);
                            bytes.asFloatBuffer().put(values);
                            f.write(bytes.array());
                        }
                        for (Example e : batch) {
                            labels.writeBytes(e.classLabel() + "\n");
                        }
                    }
                }
                System.out.printf("%s: %d rows%n", split, examples.size());
                Files.writeString(out.resolve("validation-split-name"), data.validationSplit());
            }
        }
    }
}
