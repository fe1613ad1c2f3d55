package dev.tunebook.finetune.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code tokenizer_config.json} of a tokenizer that {@link BpeTrainer} learned: which special
 * tokens end a turn and pad a batch, the chat template, and the context length, in the fields
 * transformers' {@code PreTrainedTokenizerFast} reads. No token is added to encoded text (no BOS,
 * no EOS), as for Qwen2.
 *
 * @param eosToken the token that ends generation ({@code <|im_end|>} for ChatML)
 * @param padToken the padding token
 * @param chatTemplate the Jinja chat template
 * @param modelMaxLength the longest sequence the model was trained on
 */
public record ChatTokenizerConfig(
        String eosToken, String padToken, String chatTemplate, int modelMaxLength) {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Writes {@code tokenizer_config.json} for {@code bpe} into {@code folder}, atomically.
     *
     * @throws IllegalArgumentException when the EOS or padding token is not a special token of
     *     {@code bpe}
     */
    public void write(Path folder, BpeModel bpe) throws IOException {
        for (String token : new String[] {eosToken, padToken}) {
            if (!bpe.specialTokens().contains(token)) {
                throw new IllegalArgumentException(
                        token + " is not one of the special tokens " + bpe.specialTokens());
            }
        }
        AtomicFile.write(
                folder.resolve(TokenizerSettings.FILE_NAME), JSON.writeValueAsBytes(toJson(bpe)));
    }

    private ObjectNode toJson(BpeModel bpe) {
        ObjectNode root = JSON.createObjectNode();
        root.put("add_bos_token", false);
        root.put("add_eos_token", false);
        root.put("add_prefix_space", false);
        ObjectNode decoder = root.putObject("added_tokens_decoder");
        for (int id = 0; id < bpe.specialTokens().size(); id++) {
            decoder.putObject(Integer.toString(id))
                    .put("content", bpe.specialTokens().get(id))
                    .put("lstrip", false)
                    .put("normalized", false)
                    .put("rstrip", false)
                    .put("single_word", false)
                    .put("special", true);
        }
        root.putNull("bos_token");
        root.put("chat_template", chatTemplate);
        root.put("clean_up_tokenization_spaces", false);
        root.put("eos_token", eosToken);
        root.put("model_max_length", modelMaxLength);
        root.put("pad_token", padToken);
        root.put("tokenizer_class", "PreTrainedTokenizerFast");
        root.putNull("unk_token");
        return root;
    }
}
