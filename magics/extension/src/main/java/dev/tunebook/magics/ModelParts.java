package dev.tunebook.magics;

import dev.tunebook.finetune.eval.TextEncoder;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.tuned.FineTunedGenerator;
import dev.tunebook.finetune.tuned.FineTunedModel;

/**
 * The model and the tokenizer inside the values {@code %%finetune --model} and {@code --tokenizer}
 * accept: the part itself, or a loaded ({@code %model load}), LoRA or fine-tuned model or a text
 * encoder holding it.
 */
final class ModelParts {
    private ModelParts() {}

    /** Returns the model {@code value} is or holds, or null when it holds none. */
    static LanguageModel model(Object value) {
        if (value instanceof LanguageModel model) {
            return model;
        }
        if (value instanceof LoadedModel loaded) {
            return loaded.model();
        }
        if (value instanceof LoraModel lora) {
            return lora.model();
        }
        if (value instanceof FineTunedModel tuned) {
            return tuned.model();
        }
        if (value instanceof FineTunedGenerator generator) {
            return generator.model();
        }
        if (value instanceof TextEncoder encoder) {
            return encoder.model();
        }
        return null;
    }

    /** Returns the tokenizer {@code value} is or holds, or null when it holds none. */
    static Tokenizer tokenizer(Object value) {
        if (value instanceof Tokenizer tokenizer) {
            return tokenizer;
        }
        if (value instanceof LoadedModel loaded) {
            return loaded.hasTokenizer() ? loaded.tokenizer() : null;
        }
        if (value instanceof FineTunedModel tuned) {
            return tuned.tokenizer();
        }
        if (value instanceof FineTunedGenerator generator) {
            return generator.tokenizer();
        }
        if (value instanceof TextEncoder encoder) {
            return encoder.tokenizer();
        }
        return null;
    }
}
