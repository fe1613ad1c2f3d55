package dev.tunebook.finetune.prompt;

/**
 * One way the prompt used at inference differs from the one a model was trained on.
 *
 * @param kind what differs
 * @param message what differs and why it matters, for the user
 * @param trainingPrompt the training rendering's prompt (up to the assistant's answer)
 * @param inferencePrompt the inference rendering's prompt
 */
public record FormatDifference(
        Kind kind, String message, String trainingPrompt, String inferencePrompt) {

    /** What differs between the two renderings. */
    public enum Kind {
        /** The two renderings come from different chat templates. */
        TEMPLATE,
        /** Training had a system prompt that inference lacks. */
        SYSTEM_PROMPT_MISSING,
        /** Both have a system prompt, but not the same one. */
        SYSTEM_PROMPT_CHANGED,
        /** Inference does not end with the generation prompt the model learned to answer after. */
        GENERATION_PROMPT_MISSING,
        /** The prompts differ in some other way. */
        TEXT
    }
}
