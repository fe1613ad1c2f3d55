/**
 * Fine-tuning: the {@link dev.tunebook.finetune.train.Trainer} (classification on BERT-family
 * encoders with mean pooling and a new head — full, LoRA, or a linear probe on cached embeddings —
 * and causal language modelling with assistant-only labels), its {@link
 * dev.tunebook.finetune.train.TrainingConfig} (typed groups: {@link
 * dev.tunebook.finetune.train.OptimizerSettings}, {@link
 * dev.tunebook.finetune.train.BatchSettings}, a LoRA config, {@link
 * dev.tunebook.finetune.train.EvaluationSettings}), atomic {@link
 * dev.tunebook.finetune.train.Checkpoints} with exact resume, and the live {@link
 * dev.tunebook.finetune.train.TrainingProgress} view; and the training mathematics on DJL NDArrays:
 * an {@link dev.tunebook.finetune.train.AdamW} that matches {@code torch.optim.AdamW} and
 * checkpoints its state, learning-rate schedules with the semantics of transformers' schedulers,
 * global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_} does it, gradient
 * accumulation, seeding, and parameter freezing. {@link dev.tunebook.finetune.train.Pretraining}
 * trains a Llama model from random weights on packed documents with the same parts ({@code tunebook
 * pretrain}, {@link dev.tunebook.finetune.train.PretrainCommand}).
 */
package dev.tunebook.finetune.train;
