package dev.tunebook.finetune.lora;

/**
 * Turns where a model came from into an adapter's {@code base_model_name_or_path}: the hub id of an
 * {@code hf:ORG/NAME[@REVISION]} source ({@code ORG/NAME}, what peft downloads), any other source
 * (a folder, {@code maven:…}) as written.
 */
public final class BaseModelName {
    private BaseModelName() {}

    /** Returns the name for {@code source}. */
    public static String of(String source) {
        if (source.startsWith("hf:")) {
            String id = source.substring(3);
            int at = id.indexOf('@');
            return at < 0 ? id : id.substring(0, at);
        }
        return source;
    }
}
