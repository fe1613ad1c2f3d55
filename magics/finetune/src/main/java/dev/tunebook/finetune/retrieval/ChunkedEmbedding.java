package dev.tunebook.finetune.retrieval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.eval.TextEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Embeds many texts in batches of similar length (sorted by characters, so that a batch wastes
 * little on padding), polling a cancellation token and reporting progress after every batch.
 */
final class ChunkedEmbedding {
    private ChunkedEmbedding() {}

    static float[][] embed(
            TextEncoder encoder,
            List<String> texts,
            int batchSize,
            IndexProgress progress,
            Cancellation cancellation) {
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] out = new float[texts.size()][];
        progress.update(0, texts.size());
        try (Cancellation.Scope polling = cancellation.enter()) {
            for (int start = 0; start < order.length; start += batchSize) {
                cancellation.throwIfCancelled();
                int end = Math.min(order.length, start + batchSize);
                List<String> batch = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    batch.add(texts.get(order[i]));
                }
                float[][] vectors = encoder.embed(batch);
                for (int i = start; i < end; i++) {
                    out[order[i]] = vectors[i - start];
                }
                progress.update(end, texts.size());
            }
        }
        return out;
    }
}
