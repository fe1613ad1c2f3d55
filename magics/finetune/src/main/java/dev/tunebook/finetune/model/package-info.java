/**
 * Hugging Face models on DJL's PyTorch engine: the files users already have and the networks that
 * run them.
 *
 * <p>Files: safetensors weights (single and sharded), Hugging Face {@code config.json}, ONNX
 * initializers of pretrained encoders, and the sources they come from (a local folder, a Maven
 * artifact, the Hugging Face hub). Errors about a file are {@link
 * dev.tunebook.finetune.weights.WeightsFormatException}s that name the file and the tensor or field
 * at fault.
 *
 * <p>Networks: GPT-2, the Llama family and the BERT family, with parameters named exactly as
 * transformers names them, so that loading and saving a checkpoint is a name map rather than a
 * conversion. Each network is a tree of {@link dev.tunebook.finetune.model.Layer}s holding DJL
 * {@link ai.djl.nn.Parameter}s; {@code GradientCollector} computes their gradients. Every
 * projection is a separate {@link dev.tunebook.finetune.model.Projection} child, so adapters such
 * as LoRA can wrap or replace it by its dotted name.
 */
package dev.tunebook.finetune.model;
