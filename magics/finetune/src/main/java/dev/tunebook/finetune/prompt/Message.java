package dev.tunebook.finetune.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One turn of a conversation: a role ({@code system}, {@code user}, {@code assistant}, ...) and its
 * text.
 *
 * @param role the speaker
 * @param content the text of the turn
 */
public record Message(String role, String content) {

    /** Creates a message; neither part may be null. */
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** Returns the message as the {@code {"role", "content"}} map templates index. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", role);
        map.put("content", content);
        return map;
    }

    /** Returns every message as a map, in order. */
    public static List<Map<String, Object>> asMaps(List<Message> messages) {
        List<Map<String, Object>> maps = new ArrayList<>(messages.size());
        messages.forEach(m -> maps.add(m.asMap()));
        return maps;
    }
}
