package dev.tunebook.kernel.jupyter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code language_info} of the kernel: what {@code kernel_info_reply} reports and what a
 * notebook's metadata stores. The two must be equal, field for field: Jupyter Notebook marks a
 * notebook as modified on open when they differ. The fields are IJava's, so notebooks move between
 * the two kernels unchanged.
 */
public final class LanguageInfo {
    private LanguageInfo() {}

    /**
     * Returns a new mutable map: name {@code java}, version the running Java version ({@code
     * java.version}), mimetype {@code text/x-java-source}, file extension {@code .jshell}, the
     * {@code java} lexer for Pygments and mode for CodeMirror.
     */
    public static Map<String, Object> current() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "java");
        info.put("version", System.getProperty("java.version"));
        info.put("mimetype", "text/x-java-source");
        info.put("file_extension", ".jshell");
        info.put("pygments_lexer", "java");
        info.put("codemirror_mode", "java");
        return info;
    }
}
