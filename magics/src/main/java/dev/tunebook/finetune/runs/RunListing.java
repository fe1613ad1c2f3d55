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
}
