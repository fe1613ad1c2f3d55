package dev.tunebook.finetune.data;

/**
 * Where each row of a dataset came from.
 *
 * @param files the file name of each row
 * @param stems the file name without extension of each row (the name split files use)
 * @param lines the 1-based start line of each row
 * @param positions the 0-based position of each row in its file as split files count it
 */
record RowOrigins(String[] files, String[] stems, long[] lines, int[] positions) {}
