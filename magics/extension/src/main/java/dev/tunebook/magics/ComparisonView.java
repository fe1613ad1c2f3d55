package dev.tunebook.magics;

import dev.tunebook.finetune.runs.RunComparison;

/**
 * What {@code %compare} shows: a {@link RunComparison}, all rows or only those that differ.
 *
 * @param comparison the two runs side by side
 * @param onlyDifferences whether rows with equal values are left out
 */
public record ComparisonView(RunComparison comparison, boolean onlyDifferences) {}
