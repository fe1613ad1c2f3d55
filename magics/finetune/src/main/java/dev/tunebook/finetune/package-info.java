/**
 * The fine-tuning library: a plain Java API (models, tokenizers, chat templates, datasets,
 * training, evaluation, cost, runs) that needs no notebook; the magics in {@code
 * dev.tunebook.magics} call it. This package holds what the others share: the {@link
 * dev.tunebook.finetune.Cancellation} token that long work polls.
 */
package dev.tunebook.finetune;
