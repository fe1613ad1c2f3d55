package dev.tunebook.kernel.jupyter;

import dev.tunebook.kernel.Interrupts;
import dev.tunebook.kernel.jshell.CellError;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.CellSession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * Serves {@code execute_request}: publishes {@code execute_input}, runs the cell in the {@link
 * CellSession}, publishes its result or error, stores it in the history, evaluates {@code
 * user_expressions} and replies. Honours {@code silent} (nothing published, count unchanged),
 * {@code store_history} and {@code stop_on_error}: after a failed cell, execute requests sent
 * before the failure are answered {@code aborted} without running.
 *
 * <p>Instances are not thread-safe: the shell thread calls them.
 */
final class ExecuteHandler {
    private final KernelConnection connection;
    private final OutputRouter router;
    private final CellSession session;
    private final HistoryStore history;
    private int executionCount;
    private ReplyBatch replies;
    private Instant abortBefore = Instant.MIN;
    private boolean abortPending;

    ExecuteHandler(
            KernelConnection connection,
            OutputRouter router,
            CellSession session,
            HistoryStore history) {
        this.connection = connection;
        this.router = router;
        this.session = session;
        this.history = history;
    }

    /** Handles one execute request; {@code queuedBeforeError} forces an abort. */
    void handle(Message<?> request, boolean queuedBeforeError, ReplyBatch replies) {
        this.replies = replies;
        ExecuteRequest content = (ExecuteRequest) request.getContent();
        if (queuedBeforeError || RequestTime.of(request).isBefore(abortBefore)) {
            reply(request, abortedContent());
            return;
        }
        boolean silent = content.isSilent();
        boolean store = content.shouldStoreHistory() && !silent;
        int count = store ? ++executionCount : executionCount;
        router.begin(new CellContext(request, silent, content.isStdinEnabled()));
        router.publish("execute_input", map("code", content.getCode(), "execution_count", count));
        CellResult result = run(content.getCode());
        router.flush();
        if (store) {
            history.add(count, content.getCode(), plainValue(result));
        }
        try {
            answer(request, content, result, count);
        } catch (OutOfMemoryError e) {
            // The cell exhausted the heap and other threads may still be freeing it: the client
            // waits for this reply, so try once more rather than leave it hanging.
            HeapExhaustion.pause();
            answer(request, content, result, count);
        }
    }

    private void answer(Message<?> request, ExecuteRequest content, CellResult result, int count) {
        if (result.failed()) {
            failed(request, content, result.error(), count);
        } else {
            succeeded(request, content, result, count);
        }
    }

    /** Returns true once after a failed cell with {@code stop_on_error}: drain the queue now. */
    boolean takeAbortPending() {
        boolean pending = abortPending;
        abortPending = false;
        return pending;
    }

    private CellResult run(String code) {
        Interrupts.clear();
        try {
            return session.execute(code);
        } catch (RuntimeException | Error e) {
            String message = String.valueOf(e.getMessage());
            return new CellResult(
                    null,
                    new CellError(e.getClass().getName(), message, List.of(e.toString())),
                    null);
        }
    }

    private void succeeded(Message<?> request, ExecuteRequest content, CellResult result, int n) {
        if (result.value() != null) {
            Map<String, Object> out = WireJson.bundle(result.value());
            out.put("execution_count", n);
            router.publish("execute_result", out);
        }
        Map<String, Object> reply = map("status", "ok", "execution_count", n);
        reply.put("payload", result.pager() == null ? List.of() : List.of(page(result.pager())));
        reply.put("user_expressions", userExpressions(content.getUserExpr()));
        reply(request, reply);
    }

    private void failed(Message<?> request, ExecuteRequest content, CellError error, int n) {
        // Taken before the reply goes out: a request the client makes after seeing the reply is
        // dated later and must run, only those sent before the failure are aborted.
        Instant failedAt = Instant.now();
        Map<String, Object> err = map("ename", error.ename(), "evalue", error.evalue());
        err.put("traceback", error.traceback());
        router.publish("error", err);
        Map<String, Object> reply = map("status", "error", "execution_count", n);
        reply.putAll(err);
        reply.put("payload", List.of());
        reply.put("user_expressions", Map.of());
        reply(request, reply);
        if (content.shouldStopOnError()) {
            abortBefore = failedAt;
            abortPending = true;
        }
    }

    private Map<String, Object> userExpressions(Map<String, String> expressions) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (expressions == null) {
            return out;
        }
        expressions.forEach((name, code) -> out.put(name, evaluate(code)));
        return out;
    }

    private Map<String, Object> evaluate(String expression) {
        CellResult result;
        try {
            result = session.evaluate(expression);
        } catch (RuntimeException e) {
            result =
                    new CellResult(
                            null, new CellError(e.getClass().getName(), "" + e, List.of()), null);
        }
        if (result.failed()) {
            Map<String, Object> err = map("status", "error", "ename", result.error().ename());
            err.put("evalue", result.error().evalue());
            err.put("traceback", result.error().traceback());
            return err;
        }
        Map<String, Object> ok =
                result.value() == null
                        ? map("data", Map.of("text/plain", "null"), "metadata", Map.of())
                        : WireJson.bundle(result.value());
        ok.put("status", "ok");
        return ok;
    }

    private Map<String, Object> abortedContent() {
        Map<String, Object> content = map("status", "aborted", "execution_count", executionCount);
        content.put("payload", List.of());
        content.put("user_expressions", Map.of());
        return content;
    }

    private void reply(Message<?> request, Map<String, Object> content) {
        replies.reply(connection.shell(), request, "execute_reply", content);
    }

    private static Map<String, Object> page(String text) {
        Map<String, Object> page = map("source", "page", "data", Map.of("text/plain", text));
        page.put("start", 0);
        return page;
    }

    private static String plainValue(CellResult result) {
        return result.value() == null ? null : result.value().plainText();
    }

    static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
