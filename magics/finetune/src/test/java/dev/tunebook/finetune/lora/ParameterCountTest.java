package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The count prints as PEFT's {@code print_trainable_parameters} line, in any default locale. */
class ParameterCountTest {
    @Test
    void printsPeftsLine() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals(
                    "trainable params: 1,024 || all params: 60,544 || trainable%: 1.6913",
                    new ParameterCount(1024, 60544).toString());
            assertEquals(0.0, new ParameterCount(0, 0).trainablePercent());
        } finally {
            Locale.setDefault(before);
        }
    }
}
