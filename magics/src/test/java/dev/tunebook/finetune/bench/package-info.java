/**
 * Benchmarks: mains run by hand (never by surefire) whose numbers go into notes. Timing never goes
 * into assertions.
 */
package dev.tunebook.finetune.bench;
