package dev.tunebook.kernel.jshell;

/**
 * What a cell produced: the rendered value of its trailing expression (or null), an error (or
 * null), and text for Jupyter's pager (or null, e.g. from {@code %help NAME} or {@code NAME?}).
 */
public record CellResult(dev.tunebook.kernel.MimeBundle value, CellError error, String pager) {
    /** Returns a result with neither value nor error. */
    public static CellResult empty() {
        return new CellResult(null, null, null);
    }

    /** Returns true when the cell failed. */
    public boolean failed() {
        return error != null;
    }
}
