/**
 * The run store: one JSON record per baseline, fine-tune or evaluation under {@code
 * .tunebook/runs/}, written atomically and updated as a run proceeds, and the analyses that read it
 * ({@link dev.tunebook.finetune.runs.RunTable}, {@link dev.tunebook.finetune.runs.RunPlot}, {@link
 * dev.tunebook.finetune.runs.RunComparison}).
 *
 * <p>Analyses read only the store, so a kernel restart loses nothing. The file format is documented
 * in {@code docs/run-store.md} at the repository root.
 */
package dev.tunebook.finetune.runs;
