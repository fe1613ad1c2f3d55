package dev.tunebook.magics;

import java.util.Map;

/**
 * The notebook variables a {@code %%finetune} run reads and binds, by name; null means the default
 * ({@code model}, {@code dataset}, {@code prompt} if defined, {@code tokenizer}, bound to {@code
 * run}).
 *
 * @param model the model variable, or null
 * @param data the dataset variable, or null
 * @param prompt the {@code %%prompt} variable, or null
 * @param tokenizer the tokenizer variable, or null
 * @param bind the variable the run is bound to
 */
record FinetuneInputs(String model, String data, String prompt, String tokenizer, String bind) {
    /** Removes the variable options from {@code options} and returns them. */
    static FinetuneInputs take(Map<String, String> options) {
        return new FinetuneInputs(
                options.remove("model"),
                options.remove("data"),
                options.remove("prompt"),
                options.remove("tokenizer"),
                orDefault(options.remove("bind"), "run"));
    }

    private static String orDefault(String name, String fallback) {
        return name == null ? fallback : name;
    }
}
