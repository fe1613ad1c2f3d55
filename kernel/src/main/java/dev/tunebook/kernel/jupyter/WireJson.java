package dev.tunebook.kernel.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonParser;
import dev.tunebook.kernel.MimeBundle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts MIME bundles into message content. Strings pass through; any other value (a Jackson
 * tree, a map, a list) is written by Jackson and re-read as a Gson tree, because jjava serialises
 * messages with Gson, which would otherwise dump the fields of a Jackson node.
 */
final class WireJson {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private WireJson() {}

    /** Returns {@code {data: ..., metadata: ...}} for {@code bundle}. */
    static Map<String, Object> bundle(MimeBundle bundle) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", values(bundle.data()));
        content.put("metadata", values(bundle.metadata()));
        return content;
    }

    /** Returns {@code map} with every non-string value converted to a Gson tree. */
    static Map<String, Object> values(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put(key, gsonValue(value)));
        return out;
    }

    private static Object gsonValue(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        try {
            return JsonParser.parseString(JACKSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
