package dev.tunebook.finetune.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import dev.tunebook.finetune.tokenize.BpeModel;
import dev.tunebook.finetune.tokenize.BpeTrainer;
import dev.tunebook.finetune.tokenize.ChatTokenizerConfig;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tokenizer of a {@code tunebook pretrain} run, kept in the checkpoint folder's {@code
 * tokenizer/} so that a resumed run uses the very same one: learned with {@link BpeTrainer} on the
 * training documents the first time (special tokens {@code <|endoftext|>}, {@code <|im_start|>},
 * {@code <|im_end|>}, {@code <|pad|>}; ChatML template, EOS {@code <|im_end|>}), read back later.
 * Either way every validation document must decode back to itself.
 */
final class PretrainTokenizer {
    static final List<String> SPECIAL_TOKENS =
            List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>");

    private PretrainTokenizer() {}

    /**
     * Returns the folder's tokenizer, learning it first if the folder has none, and checks that its
     * size is {@code vocabSize} and that it round-trips {@code validation}.
     *
     * @throws IllegalArgumentException when the kept tokenizer has another size, or a document does
     *     not round-trip (naming it)
     */
    static Tokenizer prepare(
            Path folder,
            int vocabSize,
            int context,
            List<String> train,
            List<String> validation,
            PrintStream out)
            throws IOException {
        Path file = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            long start = System.nanoTime();
            BpeModel bpe =
                    BpeTrainer.builder()
                            .setVocabSize(vocabSize)
                            .optSpecialTokens(SPECIAL_TOKENS)
                            .build()
                            .train(train);
            Files.createDirectories(folder);
            String chatml = ChatTemplateLibrary.builtin("chatml").source();
            new ChatTokenizerConfig("<|im_end|>", "<|pad|>", chatml, context).write(folder, bpe);
            bpe.writeTokenizerJson(file);
            out.printf(
                    "tokenizer: learned %d tokens (%d merges) on %,d documents in %.1f s -> %s%n",
                    bpe.vocabSize(),
                    bpe.merges().size(),
                    train.size(),
                    (System.nanoTime() - start) / 1e9,
                    file);
        }
        int size = size(file);
        if (size != vocabSize) {
            throw new IllegalArgumentException(
                    file + " has " + size + " tokens but --vocab is " + vocabSize);
        }
        Tokenizer tokenizer = Tokenizer.load(folder);
        try {
            checkRoundTrip(tokenizer, validation, out);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        return tokenizer;
    }

    private static void checkRoundTrip(Tokenizer tokenizer, List<String> texts, PrintStream out) {
        long tokens = 0;
        long chars = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            long[] ids = tokenizer.encode(text, false).ids();
            if (!text.equals(tokenizer.decode(ids))) {
                throw new IllegalArgumentException(
                        tokenizer.file() + " does not round-trip validation document " + (i + 1));
            }
            tokens += ids.length;
            chars += text.length();
        }
        out.printf(
                "tokenizer: %,d validation documents round-trip exactly; %.2f characters a token%n",
                texts.size(), (double) chars / Math.max(1, tokens));
    }

    /**
     * Returns the number of tokens of {@code tokenizer.json}: its BPE vocabulary and added ones.
     */
    static int size(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        root.path("model").path("vocab").forEach(id -> ids.add(id.asInt()));
        root.path("added_tokens").forEach(token -> ids.add(token.path("id").asInt()));
        return ids.size();
    }
}
