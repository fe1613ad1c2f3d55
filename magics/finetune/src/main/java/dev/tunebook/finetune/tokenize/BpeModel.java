package dev.tunebook.finetune.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A byte-level BPE vocabulary as {@link BpeTrainer} learns it: the tokens by id (the special tokens
 * first, then the 256 byte tokens in byte order, then one token per learned merge) and the merges
 * in the order they were learned. {@link #writeTokenizerJson} writes it as a Hugging Face {@code
 * tokenizer.json} in GPT-2's scheme ({@code ByteLevel} pre-tokenizer, post-processor and decoder),
 * so any text encodes without an unknown token and decodes back to itself.
 *
 * @param tokens every token by id, in the byte-level alphabet ({@code Ġ} for a space)
 * @param merges the merges in rank order, each {@code "left right"}
 * @param specialTokens the special tokens, which are {@code tokens}' first entries
 */
public record BpeModel(List<String> tokens, List<String> merges, List<String> specialTokens) {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the lists. */
    public BpeModel {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
    }

    /** Returns the number of tokens, special tokens included. */
    public int vocabSize() {
        return tokens.size();
    }

    /** Returns the id of {@code token}, or -1 when it is not in the vocabulary. */
    public int id(String token) {
        return tokens.indexOf(token);
    }

    /** Writes {@code tokenizer.json} to {@code file}, atomically. */
    public void writeTokenizerJson(Path file) throws IOException {
        AtomicFile.write(file, JSON.writeValueAsBytes(toJson()));
    }

    /** Returns the {@code tokenizer.json} document. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < specialTokens.size(); id++) {
            added.addObject()
                    .put("id", id)
                    .put("content", specialTokens.get(id))
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        root.putNull("normalizer");
        byteLevel(root.putObject("pre_tokenizer"), false, true);
        byteLevel(root.putObject("post_processor"), false, false);
        byteLevel(root.putObject("decoder"), true, true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        ArrayNode mergeList = model.putArray("merges");
        merges.forEach(mergeList::add);
        return root;
    }

    private static void byteLevel(ObjectNode node, boolean addPrefixSpace, boolean trimOffsets) {
        node.put("type", "ByteLevel")
                .put("add_prefix_space", addPrefixSpace)
                .put("trim_offsets", trimOffsets)
                .put("use_regex", true);
    }
}
