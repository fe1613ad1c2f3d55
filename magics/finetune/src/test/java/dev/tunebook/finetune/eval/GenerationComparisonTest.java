package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Base tiny-llama against tiny-llama with the fixture LoRA adapter, side by side. */
class GenerationComparisonTest {
    @TempDir Path dir;

    @Test
    void eachRowHoldsWhatEachModelGeneratesAlone() throws Exception {
        Path folder = TestModels.fixtures("models/tiny-llama");
        List<String> inputs = List.of("great food !", "i hate it <b>");
        GenerationOptions greedy = GenerationOptions.greedy(4);
        try (Tokenizer tokenizer = WordTokenizer.write(dir.resolve("tok"));
                LanguageModel base = LanguageModel.load(folder, Device.cpu());
                LanguageModel adapted = LanguageModel.load(folder, Device.cpu())) {
            LoraModel.load(adapted, TestModels.fixtures("adapters/tiny-llama-lora"));
            var format = TextGenerator.chatFormat(tokenizer).orElseThrow();
            TextGenerator before = new TextGenerator((CausalLanguageModel) base, tokenizer, format);
            TextGenerator after =
                    new TextGenerator((CausalLanguageModel) adapted, tokenizer, format);
            GenerationComparison comparison =
                    GenerationComparison.compare("base", before, "lora", after, inputs, greedy);
            for (int i = 0; i < inputs.size(); i++) {
                GenerationComparison.Row row = comparison.rows().get(i);
                assertEquals(inputs.get(i), row.input());
                assertEquals(before.generate(inputs.get(i), greedy), row.base());
                assertEquals(after.generate(inputs.get(i), greedy), row.tuned());
            }
            String html = comparison.toHtml();
            assertTrue(
                    html.contains(
                            "<th style=\"text-align:left\">base</th><th style=\"text-align:left\">lora</th>"),
                    html);
            assertTrue(html.contains("i hate it &lt;b&gt;"), html);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> GenerationComparison.compare("a", before, "b", after, List.of(), greedy));
        }
    }
}
