package dev.tunebook.kernel.jupyter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * The content of {@code history_reply} for a tail, range or search request: {@code [session, line,
 * input]} triples, or {@code [session, line, [input, output]]} when output was asked for.
 */
final class HistoryReply {
    private HistoryReply() {}

    /** Returns the reply content for {@code message}, with {@code status: ok}. */
    static Map<String, Object> content(HistoryStore store, Message<?> message) {
        HistoryRequest request = (HistoryRequest) message.getContent();
        List<HistoryItem> items = select(store, request);
        List<Object> history = new ArrayList<>();
        for (HistoryItem item : items) {
            Object entry =
                    request.includeOutput()
                            ? Arrays.asList(item.input(), item.output())
                            : item.input();
            history.add(Arrays.asList(item.session(), item.line(), entry));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        content.put("history", history);
        return content;
    }

    private static List<HistoryItem> select(HistoryStore store, HistoryRequest request) {
        if (request instanceof HistoryRequest.Range range) {
            return store.range(range.getSessionIndex(), range.getStart(), range.getStop());
        }
        if (request instanceof HistoryRequest.Search search) {
            return store.search(
                    search.getPattern(), search.getMaxReturnLength(), search.filterUnique());
        }
        if (request instanceof HistoryRequest.Tail tail) {
            return store.tail(tail.getMaxReturnLength());
        }
        return List.of();
    }
}
