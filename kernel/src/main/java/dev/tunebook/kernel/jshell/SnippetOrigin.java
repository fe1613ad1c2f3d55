package dev.tunebook.kernel.jshell;

/**
 * Where a snippet was written: the session's cell number (one-based count of executed cells) and
 * the zero-based cell line its source starts on.
 */
record SnippetOrigin(int cell, int firstLine) {}
