/**
 * The layers networks are built of, like PyTorch's {@code torch.nn}: each is a {@link
 * dev.tunebook.finetune.nn.Layer}, a tree of named children holding DJL {@link
 * ai.djl.nn.Parameter}s whose dotted paths are the Hugging Face names; {@code GradientCollector}
 * computes their gradients. Every projection is a separate {@link
 * dev.tunebook.finetune.nn.Projection} child ({@link dev.tunebook.finetune.nn.Linear}, GPT-2's
 * {@link dev.tunebook.finetune.nn.Conv1D}), so adapters such as LoRA can wrap or replace it by its
 * dotted name.
 *
 * <p>Besides the basic layers (embeddings, norms, dropout, activations), the blocks of each family:
 * BERT's embeddings and encoder layer, GPT-2's attention and block, the Llama family's attention
 * (with {@link dev.tunebook.finetune.nn.RotaryEmbedding}) and decoder layer; the attention
 * arithmetic ({@link dev.tunebook.finetune.nn.DotProductAttention}, {@link
 * dev.tunebook.finetune.nn.AttentionMask}) and the losses ({@link
 * dev.tunebook.finetune.nn.CrossEntropy}). Forward computations use {@link
 * dev.tunebook.finetune.nn.Scalars} and {@link dev.tunebook.finetune.nn.OwnedArrays}, whose arrays
 * PyTorch owns, so that autograd never reads memory the garbage collector freed.
 */
package dev.tunebook.finetune.nn;
