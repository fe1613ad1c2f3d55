/**
 * LoRA adapters as PEFT makes them: low-rank updates wrapped around a model's projections, with
 * everything else frozen, read and written as PEFT's {@code adapter_config.json} and {@code
 * adapter_model.safetensors}, so adapters move freely between Java and Python.
 *
 * <p>{@link dev.tunebook.finetune.lora.LoraConfig} says what to adapt; {@link
 * dev.tunebook.finetune.lora.LoraModel} applies it to a loaded {@link
 * dev.tunebook.finetune.model.LanguageModel}, loads and saves adapters, counts parameters as PEFT's
 * {@code print_trainable_parameters} does, and merges the update into the base weights. Each
 * adapted projection is a {@link dev.tunebook.finetune.lora.LoraLinear} whose parameter names are
 * PEFT's ({@code base_layer}, {@code lora_A}, {@code lora_B}) without the adapter name.
 */
package dev.tunebook.finetune.lora;
