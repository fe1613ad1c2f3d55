/**
 * Model files in the formats users already have: safetensors weights (single and sharded), Hugging
 * Face {@code config.json}, ONNX initializers of pretrained encoders, and the sources they come
 * from (a local folder, a Maven artifact, the Hugging Face hub).
 *
 * <p>Everything here reads and writes files; the network architectures that consume the weights
 * live elsewhere. Errors about a file are {@link
 * dev.tunebook.finetune.model.WeightsFormatException}s that name the file and the tensor or field
 * at fault.
 */
package dev.tunebook.finetune.model;
