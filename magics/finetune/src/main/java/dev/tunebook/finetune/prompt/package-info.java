/**
 * Chat templates and prompt formatting: renders Hugging Face chat templates (Jinja) exactly as
 * transformers' {@code apply_chat_template(..., tokenize=False)} does, turns dataset rows into
 * conversations ({@link dev.tunebook.finetune.prompt.PromptSpec}), finds the assistant turns in the
 * rendered text, and builds assistant-only loss labels from tokenizer offsets.
 */
package dev.tunebook.finetune.prompt;
