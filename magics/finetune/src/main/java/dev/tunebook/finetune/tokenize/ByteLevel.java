package dev.tunebook.finetune.tokenize;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code ByteLevel} pre-tokenizer of Hugging Face's tokenizers (GPT-2's scheme) does to
 * text before BPE: split it with GPT-2's pattern into words (a leading space stays with the word
 * after it), and write each word's UTF-8 bytes as printable characters, one per byte (GPT-2's
 * {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves, the other 68 bytes for
 * the characters from U+0100 on, in byte order; the space becomes {@code Ġ}).
 */
final class ByteLevel {
    /**
     * GPT-2's pattern, as tokenizers' {@code ByteLevel} uses it; with Unicode classes so that
     * {@code \s} means White_Space as in Rust's regex.
     */
    private static final Pattern WORDS =
            Pattern.compile(
                    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
                    Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_CHARS = byteChars();

    private ByteLevel() {}

    private static char[] byteChars() {
        char[] chars = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
            chars[b] = (char) (printable ? b : next++);
        }
        return chars;
    }

    /** Returns the character that stands for byte {@code b} (0 to 255). */
    static char charOf(int b) {
        return BYTE_CHARS[b];
    }

    /** Returns the words of {@code text} as GPT-2's pattern splits it, in order. */
    static void split(String text, java.util.function.Consumer<String> words) {
        Matcher matcher = WORDS.matcher(text);
        while (matcher.find()) {
            words.accept(matcher.group());
        }
    }

    /** Returns the UTF-8 bytes of {@code word}, as unsigned values. */
    static int[] bytes(String word) {
        byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
        int[] values = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            values[i] = utf8[i] & 0xFF;
        }
        return values;
    }
}
