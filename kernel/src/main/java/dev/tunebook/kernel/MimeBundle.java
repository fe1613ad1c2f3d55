package dev.tunebook.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An output in several representations, keyed by MIME type, as Jupyter's {@code display_data}
 * carries it. {@code text/plain} is always present once {@link #text} was called; binary types
 * (PNG) are stored base64-encoded as the protocol wants them.
 *
 * <p>Instances are not thread-safe.
 */
public final class MimeBundle {
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();

    /** Returns a bundle holding only {@code text/plain}. */
    public static MimeBundle ofText(String text) {
        return new MimeBundle().text(text);
    }

    /** Sets the {@code text/plain} representation. */
    public MimeBundle text(String text) {
        data.put("text/plain", text);
        return this;
    }

    /** Sets the {@code text/html} representation. */
    public MimeBundle html(String html) {
        data.put("text/html", html);
        return this;
    }

    /** Sets the {@code text/markdown} representation. */
    public MimeBundle markdown(String markdown) {
        data.put("text/markdown", markdown);
        return this;
    }

    /** Sets the {@code image/svg+xml} representation. */
    public MimeBundle svg(String svg) {
        data.put("image/svg+xml", svg);
        return this;
    }

    /** Sets the {@code image/png} representation from the raw PNG bytes. */
    public MimeBundle png(byte[] png) {
        data.put("image/png", Base64.getEncoder().encodeToString(png));
        return this;
    }

    /** Sets any representation; {@code value} must be a String or JSON-serialisable tree. */
    public MimeBundle put(String mimeType, Object value) {
        data.put(mimeType, value);
        return this;
    }

    /** Sets a metadata entry (for example {@code image/png -> {width: 400}}). */
    public MimeBundle meta(String key, Object value) {
        metadata.put(key, value);
        return this;
    }

    /** Returns the representation for {@code mimeType}, or null. */
    public Object get(String mimeType) {
        return data.get(mimeType);
    }

    /** Returns the text/plain representation, or null. */
    public String plainText() {
        Object text = data.get("text/plain");
        return text == null ? null : text.toString();
    }

    /** Returns the decoded PNG bytes, or null when there is no PNG. */
    public byte[] pngBytes() {
        Object png = data.get("image/png");
        return png == null ? null : Base64.getDecoder().decode(png.toString());
    }

    /** Returns the MIME-type-to-data map, in insertion order. */
    public Map<String, Object> data() {
        return Collections.unmodifiableMap(data);
    }

    /** Returns the metadata map. */
    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public String toString() {
        String text = plainText();
        return text != null
                ? text
                : new String(data.keySet().toString().getBytes(), StandardCharsets.UTF_8);
    }
}
