package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.MimeBundle;

/** Inspection of the name at a cursor: whether it was found, and its documentation. */
public record Inspection(boolean found, MimeBundle data) {
    /** Returns the inspection of a name that was not found. */
    public static Inspection notFound() {
        return new Inspection(false, new MimeBundle());
    }
}
