package dev.tunebook.finetune.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Hugging Face tokenizer loaded from a local {@code tokenizer.json} (and {@code
 * tokenizer_config.json} beside it for the special tokens and chat template), encoding and decoding
 * as transformers' fast tokenizers do.
 *
 * <p>A tokenizer may carry a text prefix that {@link #encode} puts before every text, as
 * sentence-transformers applies a model's default prompt: e5 expects {@code "query: "}. {@code
 * LoadedModel} sets the prefix its model's card asks for; {@link #load(Path)} sets none.
 *
 * <p>Instances are thread-safe; close them to free the native tokenizer.
 */
public final class Tokenizer implements AutoCloseable {
    static final String FILE_NAME = "tokenizer.json";

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final TokenizerSettings settings;
    private final String textPrefix;

    private Tokenizer(
            Path file, HuggingFaceTokenizer tokenizer, TokenizerSettings settings, String prefix) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.textPrefix = prefix;
    }

    /**
     * Loads the tokenizer of {@code path}: a folder with {@code tokenizer.json}, or the file.
     *
     * @throws TokenizerException if {@code tokenizer.json} is missing or malformed, naming it
     */
    public static Tokenizer load(Path path) throws IOException {
        return load(path, "");
    }

    /**
     * Loads the tokenizer of {@code path} that puts {@code textPrefix} before every text it encodes
     * ({@code ""} for none).
     *
     * @throws TokenizerException if {@code tokenizer.json} is missing or malformed, naming it
     */
    public static Tokenizer load(Path path, String textPrefix) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(
                    file, "no such file (a model folder needs a tokenizer.json to tokenize)");
        }
        TokenizerSettings settings =
                TokenizerSettings.read(file.resolveSibling(TokenizerSettings.FILE_NAME));
        Map<String, String> options =
                Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
        try {
            return new Tokenizer(
                    file, HuggingFaceTokenizer.newInstance(file, options), settings, textPrefix);
        } catch (RuntimeException e) {
            throw new TokenizerException(file, "cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Returns the {@code tokenizer.json} this was loaded from. */
    public Path file() {
        return file;
    }

    /** Returns the text put before every encoded text, or {@code ""}. */
    public String textPrefix() {
        return textPrefix;
    }

    /**
     * Encodes {@code text} (after the {@link #textPrefix}) with the special tokens the tokenizer
     * adds (transformers' default).
     */
    public TokenizedText encode(String text) {
        return encode(text, true);
    }

    /**
     * Encodes {@code text} (after the {@link #textPrefix}, which the result's text and offsets
     * include), adding special tokens (BOS, CLS/SEP, ...) when asked.
     */
    public TokenizedText encode(String text, boolean addSpecialTokens) {
        String input = textPrefix + text;
        Encoding encoding = tokenizer.encode(input, addSpecialTokens, false);
        long[] ids = encoding.getIds();
        long[] mask = encoding.getSpecialTokenMask();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[][] offsets = new int[ids.length][];
        boolean[] special = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            CharSpan span = spans[i];
            offsets[i] =
                    span == null ? new int[] {0, 0} : new int[] {span.getStart(), span.getEnd()};
            special[i] = mask[i] != 0;
        }
        return new TokenizedText(input, ids, List.of(encoding.getTokens()), offsets, special);
    }

    /** Decodes {@code ids} to text, keeping special tokens. */
    public String decode(long[] ids) {
        return decode(ids, false);
    }

    /** Decodes {@code ids} to text, dropping special tokens when asked. */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    /** Returns the beginning-of-sequence token, if the tokenizer has one. */
    public Optional<String> bosToken() {
        return settings.bosToken();
    }

    /** Returns the end-of-sequence token, if the tokenizer has one. */
    public Optional<String> eosToken() {
        return settings.eosToken();
    }

    /** Returns the padding token, if the tokenizer has one. */
    public Optional<String> padToken() {
        return settings.padToken();
    }

    /** Returns the unknown-token token, if the tokenizer has one. */
    public Optional<String> unkToken() {
        return settings.unkToken();
    }

    /**
     * Returns whether {@code tokenizer_config.json} says BOS is added ({@code add_bos_token});
     * empty when it does not say. Encoding follows {@code tokenizer.json}'s post-processor.
     */
    public Optional<Boolean> addsBosToken() {
        return settings.addBosToken();
    }

    /** Returns the id of {@code token} when it is a single token of the vocabulary. */
    public OptionalLong tokenId(String token) {
        Encoding encoding = tokenizer.encode(token, false, false);
        long[] ids = encoding.getIds();
        return ids.length == 1 && encoding.getTokens()[0].equals(token)
                ? OptionalLong.of(ids[0])
                : OptionalLong.empty();
    }

    /** Returns the chat template of {@code tokenizer_config.json}, if any. */
    public Optional<String> chatTemplate() {
        return settings.chatTemplate();
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "Tokenizer[" + file + "]";
    }
}
