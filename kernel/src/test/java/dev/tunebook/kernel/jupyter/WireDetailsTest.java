package dev.tunebook.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireDetailsTest {
    @Test
    void parsesPythonClientDatesWithMicroseconds() {
        assertEquals(
                Instant.parse("2024-05-01T10:20:30.123456Z"),
                RequestTime.parse("2024-05-01T10:20:30.123456+00:00"));
        assertEquals(
                Instant.parse("2024-05-01T10:20:30.123456Z"),
                RequestTime.parse("2024-05-01T10:20:30.123456Z"));
        assertEquals(
                Instant.parse("2024-05-01T10:20:30Z"), RequestTime.parse("2024-05-01T10:20:30"));
    }

    @Test
    void neverSplitsUtf8Sequences() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 61 e2 82 ac
        assertEquals(4, StreamPublisher.completeUtf8Length(euro));
        assertEquals(1, StreamPublisher.completeUtf8Length(java.util.Arrays.copyOf(euro, 3)));
        assertEquals(1, StreamPublisher.completeUtf8Length(java.util.Arrays.copyOf(euro, 2)));
        byte[] emoji = "🎵".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, StreamPublisher.completeUtf8Length(java.util.Arrays.copyOf(emoji, 3)));
        assertEquals(4, StreamPublisher.completeUtf8Length(emoji));
    }

    @Test
    void globsMatchTheWholeSource() {
        assertTrue(Glob.toRegex("6?7").matcher("6*7").matches());
        assertFalse(Glob.toRegex("6?7").matcher("16*7").matches());
        assertTrue(Glob.toRegex("*max*").matcher("Math.max(1,\n2)").matches());
        assertTrue(Glob.toRegex("a[bc]d").matcher("acd").matches());
        assertTrue(Glob.toRegex("a.b").matcher("a.b").matches());
        assertFalse(Glob.toRegex("a.b").matcher("axb").matches());
    }
}
