/**
 * Saving a fine-tuned classifier where other tools can read it, and loading it back: {@link
 * dev.tunebook.finetune.train.RunWeights} finds a run's trained weights in the run store, {@link
 * dev.tunebook.finetune.save.ModelExport} writes them as a transformers model folder (merged) or a
 * PEFT adapter folder, and {@link dev.tunebook.finetune.save.SavedModels} loads either back.
 */
package dev.tunebook.finetune.save;
