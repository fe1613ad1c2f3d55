package dev.tunebook.kernel.jshell;

/**
 * Jupyter's {@code is_complete} answer: status is {@code complete}, {@code incomplete}, {@code
 * invalid} or {@code unknown}; indent is the suggested indent for an incomplete cell.
 */
public record IsComplete(String status, String indent) {}
