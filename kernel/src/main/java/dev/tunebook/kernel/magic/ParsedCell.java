package dev.tunebook.kernel.magic;

import java.util.List;

/**
 * A cell split into the parts that run in order, or a help request ({@code NAME?}, {@code ?NAME})
 * when {@code helpName} is not null.
 */
public record ParsedCell(List<CellPart> parts, String helpName) {
    public ParsedCell {
        parts = List.copyOf(parts);
    }
}
