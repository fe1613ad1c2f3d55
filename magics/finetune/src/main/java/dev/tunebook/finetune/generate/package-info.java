/**
 * What autoregressive decoding is made of: {@link dev.tunebook.finetune.generate.GenerationOptions}
 * (greedy, or sampling with temperature, top-k and top-p, and the tokens that stop it), {@link
 * dev.tunebook.finetune.generate.TokenSampler} (the next token from a row of logits, as
 * transformers' logits warpers choose it) and {@link dev.tunebook.finetune.generate.KvCache} (the
 * keys and values of the positions seen so far, which the decoder layers extend).
 *
 * <p>The loop itself is {@code CausalLanguageModel.generate} in {@code
 * dev.tunebook.finetune.model}: it needs the network, and the network's layers need the cache, so
 * the parts live here, above both.
 */
package dev.tunebook.finetune.generate;
