package dev.tunebook.magics;

import ai.djl.Device;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.WordTokenizer;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.nio.file.Path;

/**
 * A map-backed notebook holding tiny-llama (random weights) as {@code model}, a word-level
 * tokenizer as {@code tokenizer} and a small dataset as {@code dataset}: where the evaluation
 * magics' tests run. Closing it closes the model and the tokenizer.
 */
final class TinyLlamaNotebook implements AutoCloseable {
    final Notebook notebook;
    final Tokenizer tokenizer;
    final LanguageModel model;

    /** Writes the tokenizer into {@code dir}, loads tiny-llama and binds them with the data. */
    TinyLlamaNotebook(Path dir, Dataset dataset) throws Exception {
        notebook = new Notebook(dir);
        tokenizer = WordTokenizer.write(dir.resolve("tok"));
        model = LanguageModel.load(TestModels.fixtures("models/tiny-llama"), Device.cpu());
        notebook.variables.put("model", model);
        notebook.variables.put("tokenizer", tokenizer);
        notebook.variables.put("dataset", dataset);
        notebook.variables.put("modelName", "tiny-llama");
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
