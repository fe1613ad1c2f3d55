/**
 * The fine-tuning library: a plain Java API (models, tokenizers, chat templates, datasets,
 * training, evaluation, cost, runs) that the magics in {@code dev.tunebook.magics} call.
 */
package dev.tunebook.finetune;
