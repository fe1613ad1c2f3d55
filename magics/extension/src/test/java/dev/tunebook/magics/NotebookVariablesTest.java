package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.eval.TextEncoder;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Finding notebook variables by name, and the errors that name the variable and its type. */
class NotebookVariablesTest {
    private final Notebook notebook = new Notebook(Path.of("."));

    @Test
    void missingVariablesSayWhatToBindThere() {
        assertEquals(
                "no notebook variable 'base' (a LoadedModel): run %model load SOURCE first",
                message(() -> NotebookVariables.loadedModel(notebook, "base")));
        assertEquals(
                "no notebook variable 'base' (a LanguageModel or LoraModel):"
                        + " run %model load SOURCE first",
                message(() -> NotebookVariables.model(notebook, "base")));
        assertEquals(
                "no notebook variable 'dataset' (a Dataset): run %dataset load FILE first",
                message(() -> NotebookVariables.dataset(notebook)));
        assertEquals(
                "no notebook variable 'tokenizer' (a Tokenizer): load a model with a tokenizer"
                        + " first",
                message(() -> NotebookVariables.tokenizer(notebook, "model")));
        assertTrue(NotebookVariables.findModel(notebook, "model").isEmpty());
    }

    @Test
    void variablesOfAnotherTypeNameBoth() {
        notebook.variables.put("model", "gpt2");
        notebook.variables.put("dataset", 42);
        notebook.variables.put("tokenizer", new StringBuilder());
        assertEquals(
                "'model' is a String, not a LoadedModel",
                message(() -> NotebookVariables.loadedModel(notebook, "model")));
        assertEquals(
                "'model' is a String, not a LoadedModel",
                message(() -> NotebookVariables.findModel(notebook, "model")));
        assertEquals(
                "'model' is a String, not a LanguageModel or LoraModel",
                message(() -> NotebookVariables.model(notebook, "model")));
        assertEquals(
                "'model' is a String, not a LanguageModel or LoraModel",
                message(() -> NotebookVariables.modelName(notebook, "model")));
        assertEquals(
                "'dataset' is a Integer, not a Dataset",
                message(() -> NotebookVariables.dataset(notebook)));
        assertEquals(
                "'tokenizer' is a StringBuilder, not a Tokenizer",
                message(() -> NotebookVariables.tokenizer(notebook, "model")));
    }

    @Test
    void everyValueHoldingAModelIsOne() throws Exception {
        Path fixtures = Path.of(System.getProperty("tunebook.fixtures", "../fixtures"));
        try (LanguageModel model =
                LanguageModel.load(fixtures.resolve("models/tiny-bert"), Device.cpu())) {
            notebook.variables.put("plain", model);
            notebook.variables.put("encoder", new TextEncoder((BertModel) model, null));
            assertSame(model, NotebookVariables.model(notebook, "plain"));
            // the same resolver as %%finetune --model: an encoder is a model for %eval --model too
            assertSame(model, NotebookVariables.model(notebook, "encoder"));
        }
    }

    @Test
    void theRecordedModelNameComesFromModelName() {
        notebook.variables.put("modelName", "tiny-llama");
        assertEquals("tiny-llama", NotebookVariables.modelName(notebook, "model"));
    }

    private static String message(Executable call) {
        return assertThrows(MagicUsageException.class, call).getMessage();
    }
}
