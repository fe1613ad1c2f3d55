/**
 * Benchmarks (plain main methods, not tests): weights loading, forward and training step speed,
 * optimizer overhead, run store and evaluation. Numbers go into the issue notes, never into timed
 * assertions.
 */
package dev.tunebook.finetune.bench;
