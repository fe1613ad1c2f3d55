/**
 * A model's files as transformers writes them, read and written without any network: {@code
 * config.json} ({@link dev.tunebook.finetune.weights.ModelConfig}, with the families in {@link
 * dev.tunebook.finetune.weights.Architecture}), safetensors weights, single or sharded ({@link
 * dev.tunebook.finetune.weights.SafetensorsFile}, {@link dev.tunebook.finetune.weights.Weights},
 * {@link dev.tunebook.finetune.weights.SafetensorsWriter}), and the initializers of an ONNX BERT
 * encoder, dequantized when they are 8-bit ({@link dev.tunebook.finetune.weights.OnnxBertImport}).
 * {@link dev.tunebook.finetune.weights.ModelWeights} is the pair a model is built from: the config
 * and the tensors by Hugging Face name.
 *
 * <p>Errors about a file are {@link dev.tunebook.finetune.weights.WeightsFormatException}s that
 * name the file and the tensor or field at fault; pickle checkpoints are refused with the command
 * that converts them. {@link dev.tunebook.finetune.weights.LoadMemoryCheck} says from the headers
 * alone whether a checkpoint fits the device.
 */
package dev.tunebook.finetune.weights;
