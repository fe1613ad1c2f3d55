/**
 * Tokenizers in the Hugging Face format ({@code tokenizer.json} with {@code
 * tokenizer_config.json}), over the Rust {@code tokenizers} library through DJL, producing the same
 * ids, tokens, offsets and decodings as transformers.
 */
package dev.tunebook.finetune.tokenize;
