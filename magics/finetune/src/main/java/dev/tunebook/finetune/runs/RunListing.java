package dev.tunebook.finetune.runs;

import java.util.List;

/**
 * The readable runs of a store, sorted by id (oldest first), and the files that were skipped.
 *
 * @param runs the runs
 * @param skipped unreadable files, each with its reason
 */
public record RunListing(List<RunRecord> runs, List<SkippedFile> skipped) {
    /** Creates a listing, copying both lists. */
    public RunListing {
        runs = List.copyOf(runs);
        skipped = List.copyOf(skipped);
    }

    /**
     * Returns the newest run of each kind and name, oldest first: what a notebook that was run
     * again shows, its earlier runs kept in the store but not repeated. Unnamed runs all stay.
     */
    public List<RunRecord> latestPerName() {
        java.util.Map<String, RunRecord> latest = new java.util.LinkedHashMap<>();
        for (RunRecord run : runs) {
            String key = run.name() == null ? run.id() : run.kind() + "\u0000" + run.name();
            latest.remove(key);
            latest.put(key, run);
        }
        return List.copyOf(latest.values());
    }
}
