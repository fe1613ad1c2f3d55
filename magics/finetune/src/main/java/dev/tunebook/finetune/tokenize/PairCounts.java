package dev.tunebook.finetune.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The learning state of BPE over a fixed set of distinct words with their frequencies: each word as
 * a sequence of token ids, how often every adjacent pair occurs (weighted by word frequency), which
 * words hold each pair, and a queue that yields the most frequent pair. A merge rewrites only the
 * words that hold its pair, so learning thousands of merges costs about as much as the words they
 * touch, not thousands of passes over the corpus.
 *
 * <p>The most frequent pair wins; among equally frequent pairs the one with the smaller left id,
 * then the smaller right id, so the result depends only on the words and their counts. The queue
 * holds stale entries that are corrected when they reach its head.
 *
 * <p>Instances are not thread-safe.
 */
final class PairCounts {
    private final List<int[]> words;
    private final long[] frequencies;
    private final Map<Long, Long> counts = new HashMap<>();
    private final Map<Long, Set<Integer>> holders = new HashMap<>();
    private final PriorityQueue<long[]> queue =
            new PriorityQueue<>(
                    (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));

    PairCounts(List<int[]> words, long[] frequencies) {
        this.words = new ArrayList<>(words);
        this.frequencies = frequencies.clone();
        for (int w = 0; w < this.words.size(); w++) {
            add(w, +1);
        }
        counts.forEach((pair, count) -> queue.add(new long[] {count, pair}));
    }

    static long pair(int left, int right) {
        return ((long) left << 32) | right;
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }

    /**
     * Returns the most frequent pair and its count as {@code {count, pair}}, or null when no pair
     * occurs {@code minCount} times.
     */
    long[] best(long minCount) {
        while (!queue.isEmpty()) {
            long[] head = queue.poll();
            long actual = counts.getOrDefault(head[1], 0L);
            if (actual == head[0]) {
                return actual >= minCount ? head : null;
            }
            if (actual > 0) {
                queue.add(new long[] {actual, head[1]});
            }
        }
        return null;
    }

    /** Replaces every occurrence of {@code pair} (left to right, not overlapping) by {@code id}. */
    void merge(long pair, int id) {
        Set<Integer> touched = holders.remove(pair);
        if (touched == null) {
            return;
        }
        Set<Long> changed = new HashSet<>();
        for (int w : touched.stream().sorted().toList()) {
            int[] merged = replace(words.get(w), left(pair), right(pair), id);
            if (merged == null) {
                continue;
            }
            add(w, -1);
            words.set(w, merged);
            add(w, +1);
            int[] symbols = merged;
            for (int i = 0; i + 1 < symbols.length; i++) {
                changed.add(pair(symbols[i], symbols[i + 1]));
            }
        }
        counts.remove(pair);
        for (long p : changed) {
            long count = counts.getOrDefault(p, 0L);
            if (count > 0) {
                queue.add(new long[] {count, p});
            }
        }
    }

    private static int[] replace(int[] symbols, int left, int right, int id) {
        int[] out = new int[symbols.length];
        int n = 0;
        boolean found = false;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[n++] = id;
                i++;
                found = true;
            } else {
                out[n++] = symbols[i];
            }
        }
        return found ? java.util.Arrays.copyOf(out, n) : null;
    }

    /** Adds (sign +1) or removes (-1) the pairs of word {@code w} to or from the counts. */
    private void add(int w, int sign) {
        int[] symbols = words.get(w);
        long weight = sign * frequencies[w];
        for (int i = 0; i + 1 < symbols.length; i++) {
            long p = pair(symbols[i], symbols[i + 1]);
            long count = counts.merge(p, weight, Long::sum);
            if (count == 0) {
                counts.remove(p);
            }
            if (sign > 0) {
                holders.computeIfAbsent(p, k -> new HashSet<>()).add(w);
            }
        }
    }
}
