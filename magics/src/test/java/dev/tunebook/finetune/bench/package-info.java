/**
 * Benchmarks run by hand ({@code main} methods, not tests): numbers go in notes, never into timed
 * assertions.
 */
package dev.tunebook.finetune.bench;
