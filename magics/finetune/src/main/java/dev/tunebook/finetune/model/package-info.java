/**
 * Hugging Face models on DJL's PyTorch engine, loaded and ready: {@link
 * dev.tunebook.finetune.model.LoadedModel} fetches a source, loads its weights and tokenizer onto a
 * device and describes itself in a {@link dev.tunebook.finetune.model.ModelCard}; {@link
 * dev.tunebook.finetune.model.LanguageModel} is the network with its {@code forward}/{@code loss}
 * pair, built from a folder or from {@code ModelWeights}, saved as transformers saves it.
 *
 * <p>Networks: GPT-2, the Llama family and the BERT family ({@link
 * dev.tunebook.finetune.model.Gpt2Model}, {@link dev.tunebook.finetune.model.LlamaModel}, {@link
 * dev.tunebook.finetune.model.BertModel}), assembled from the layers of {@code
 * dev.tunebook.finetune.nn} with parameters named exactly as transformers names them, so that
 * loading and saving a checkpoint is a name map rather than a conversion. Causal models generate
 * ({@link dev.tunebook.finetune.model.CausalLanguageModel#generate}) with the parts of {@code
 * dev.tunebook.finetune.generate}. New models start from {@link
 * dev.tunebook.finetune.model.LlamaShape} and {@link dev.tunebook.finetune.model.RandomWeights}.
 */
package dev.tunebook.finetune.model;
