/**
 * Money and time: a price table (built in, overridable), a FLOP-throughput model that projects
 * training and inference time from one device to another, per-run cost estimates, the {@code %cost}
 * table with its accuracy-versus-cost Pareto frontier, and the accuracy gained over the best
 * baseline: the extra dollars per accuracy point gained.
 *
 * <p>Measured times are used where a run has them; anything projected to another device or derived
 * from FLOP counts is flagged as an estimate.
 */
package dev.tunebook.finetune.cost;
