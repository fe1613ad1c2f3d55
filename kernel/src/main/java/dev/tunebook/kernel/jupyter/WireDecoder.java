package dev.tunebook.kernel.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.ExpressionValue;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.adapters.ExpressionValueAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.adapters.PublishStatusAdapter;
import org.dflib.jjava.jupyter.messages.adapters.ReplyTypeAdapter;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * Turns the verified frames of a message into jjava's {@link Message}, with the typed content
 * classes the handlers use. The JSON mapping is jjava's own ({@code JupyterSocket}'s Gson set-up),
 * so requests read here are the objects jjava's reader would have built.
 *
 * <p>Stateless and thread-safe.
 */
final class WireDecoder {
    private static final Gson REPLY_GSON =
            new GsonBuilder()
                    .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
                    .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
                    .create();
    private static final Gson GSON =
            new GsonBuilder()
                    .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
                    .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
                    .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
                    .registerTypeAdapter(PublishStatus.class, PublishStatusAdapter.INSTANCE)
                    .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
                    .registerTypeHierarchyAdapter(ReplyType.class, new ReplyTypeAdapter(REPLY_GSON))
                    .create();
    private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

    private WireDecoder() {}

    /**
     * Returns the message {@code frames} hold.
     *
     * @throws RejectedMessageException when a JSON part cannot be read
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> decode(WireFrames frames) {
        try {
            Header<?> header = GSON.fromJson(text(frames.header()), Header.class);
            if (header == null || header.getType() == null) {
                throw new RejectedMessageException("malformed, its header has no msg_type");
            }
            JsonElement parent = JsonParser.parseString(text(frames.parentHeader()));
            Header<?> parentHeader =
                    parent.isJsonObject() && !parent.getAsJsonObject().isEmpty()
                            ? GSON.fromJson(parent, Header.class)
                            : null;
            Map<String, Object> metadata = GSON.fromJson(text(frames.metadata()), MAP);
            Object content =
                    GSON.fromJson(text(frames.content()), header.getType().getContentType());
            if (content instanceof ErrorReply) {
                header =
                        new Header<>(
                                header.getId(),
                                header.getUsername(),
                                header.getSessionId(),
                                header.getTimestamp(),
                                (MessageType) header.getType().error(),
                                header.getVersion());
            }
            return new Message(
                    frames.identities(), header, parentHeader, metadata, content, frames.buffers());
        } catch (RejectedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson reports bad input with several exception types (syntax, state, number format).
            throw new RejectedMessageException("unreadable JSON: " + e, e);
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
