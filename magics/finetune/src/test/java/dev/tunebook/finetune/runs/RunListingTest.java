package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A notebook run twice shows each named run once: the newest. */
class RunListingTest {
    private static RunRecord run(RunKind kind, String name, String id) {
        return RunRecord.builder(kind, name).optId(id).build();
    }

    @Test
    void latestPerNameKeepsTheNewestOfEachKindAndName() {
        RunListing listing =
                new RunListing(
                        List.of(
                                run(RunKind.BASELINE, "zero-shot", "20261126-060000-aaaa"),
                                run(RunKind.FINETUNE, "full", "20261126-060100-bbbb"),
                                run(RunKind.EVAL, "full", "20261126-060150-eeee"),
                                run(RunKind.BASELINE, "zero-shot", "20261126-060200-cccc"),
                                run(RunKind.FINETUNE, "full", "20261126-060300-dddd")),
                        List.of());
        assertEquals(
                List.of("20261126-060150-eeee", "20261126-060200-cccc", "20261126-060300-dddd"),
                listing.latestPerName().stream().map(RunRecord::id).toList());
    }
}
