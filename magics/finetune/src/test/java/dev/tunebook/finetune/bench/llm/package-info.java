/**
 * The LLM-scale benchmark: Hugging Face folders shaped exactly like published checkpoints
 * (Qwen2.5-0.5B, Qwen2.5-1.5B, Llama-3.2-1B, Mistral-7B) with random BF16 weights, and the
 * comparison of tunebook's load, LoRA step and generation with a plain PyTorch reference ({@code
 * src/test/python/llm_reference.py}) on the same folder.
 */
package dev.tunebook.finetune.bench.llm;
