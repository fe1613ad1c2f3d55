/**
 * Hugging Face model architectures (GPT-2, the Llama family, the BERT family) on DJL's PyTorch
 * engine, with parameters named exactly as transformers names them, so that loading and saving a
 * checkpoint is a name map rather than a conversion.
 *
 * <p>Each network is a tree of {@link dev.tunebook.finetune.model.Layer}s holding DJL {@link
 * ai.djl.nn.Parameter}s; {@code GradientCollector} computes their gradients. Every projection is a
 * separate {@link dev.tunebook.finetune.model.Projection} child, so adapters such as LoRA can wrap
 * or replace it by its dotted name.
 */
package dev.tunebook.finetune.model;
