package dev.tunebook.kernel.jupyter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content of {@code kernel_info_reply}: the implementation and the language it runs. */
final class KernelInfo {
    /** The messaging protocol version spoken (that of jjava's headers). */
    static final String PROTOCOL_VERSION = "5.3";

    private KernelInfo() {}

    /** Returns the reply content, with {@code status: ok}. */
    static Map<String, Object> content() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        content.put("protocol_version", PROTOCOL_VERSION);
        content.put("implementation", "tunebook");
        content.put("implementation_version", version());
        content.put("language_info", LanguageInfo.current());
        content.put(
                "banner", "tunebook " + version() + " - Java " + Runtime.version() + " (JShell)");
        content.put(
                "help_links",
                List.of(
                        Map.of(
                                "text",
                                "Java API",
                                "url",
                                "https://docs.oracle.com/en/java/javase/"
                                        + Runtime.version().feature()
                                        + "/docs/api/")));
        return content;
    }

    /** Returns the tunebook version from the jar manifest, or "dev" when run from classes. */
    static String version() {
        String version = KernelInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
