/** Benchmarks of LoRA adapters (separate entry points; numbers go in notes, not assertions). */
package dev.tunebook.finetune.lora.bench;
