/**
 * Training mathematics on DJL NDArrays: an {@link dev.tunebook.finetune.train.AdamW} that matches
 * {@code torch.optim.AdamW} and checkpoints its state, learning-rate schedules with the semantics
 * of transformers' schedulers, global-norm gradient clipping as {@code
 * torch.nn.utils.clip_grad_norm_} does it, gradient accumulation, seeding, and parameter freezing.
 */
package dev.tunebook.finetune.train;
