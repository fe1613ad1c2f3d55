package dev.tunebook.finetune.train;

import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.FormatDifference;
import dev.tunebook.finetune.tokenize.Tokenizer;

/**
 * What a {@link Trainer}'s runs train and how their records name it, fixed when the trainer is
 * built: the run's parts receive this instead of the trainer. The model is trained in place.
 *
 * @param model the model to train
 * @param data the tokenised splits
 * @param padId the padding id
 * @param modelSource where the model was loaded from, or null
 * @param modelName the model's name in the record, or null
 * @param datasetName the dataset's name in the record, or null
 * @param tokenizer the model's tokenizer, or null when the trainer was given tokenised data
 * @param baseRun the run that already trained the model in place, or null
 * @param promptFormatMismatch how the prompt differs from the model's own chat template, or null
 */
record TrainingInputs(
        LanguageModel model,
        TrainingData data,
        int padId,
        String modelSource,
        String modelName,
        String datasetName,
        Tokenizer tokenizer,
        String baseRun,
        FormatDifference promptFormatMismatch) {}
