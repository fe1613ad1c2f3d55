package dev.tunebook.kernel.jupyter;

/**
 * One stored cell: the kernel session it ran in, its execution count, its source, and the
 * text/plain form of its result (or null).
 */
record HistoryItem(int session, int line, String input, String output) {}
