package dev.tunebook.kernel.jupyter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * Reads the {@code date} of a request's header. jjava parses it with a millisecond pattern that
 * misreads the microseconds Python clients send, so the raw string is parsed here.
 */
final class RequestTime {
    private RequestTime() {}

    /** Returns when {@code message} was sent, or {@link Instant#MAX} when unknown. */
    static Instant of(Message<?> message) {
        try {
            return parse(message.getHeader().getTimestamp().getDateString());
        } catch (RuntimeException e) {
            return Instant.MAX;
        }
    }

    /** Parses an ISO 8601 date, with or without offset (UTC assumed when absent). */
    static Instant parse(String date) {
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(date).toInstant(ZoneOffset.UTC);
        }
    }
}
