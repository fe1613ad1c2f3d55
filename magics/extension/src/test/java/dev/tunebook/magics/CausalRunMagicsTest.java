package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.TextGenerator;
import dev.tunebook.finetune.eval.TinyInstructions;
import dev.tunebook.finetune.eval.WordTokenizer;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.PromptSpec;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation fine-tunes of tiny-llama (LoRA and full) through the magics: {@code %eval RUN} in a
 * notebook that holds nothing but the data and prompt (as after a kernel restart) scores as the
 * trained model did in the session, and {@code %save RUN DIR [--merged]} writes folders that {@code
 * %model load} reads back with the same logits.
 */
class CausalRunMagicsTest {
    private static final String TRAIN = " --epochs 2 --batch 4 --lr 1e-2 --max-length 32 --name ";
    private static final String EVAL = " --max-new-tokens 4";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    private static Tokenizer tokenizer;
    private static Dataset data;
    private static ChatPrompt prompt;
    private static LoadedModel lora;
    private static LoadedModel full;

    @BeforeAll
    static void train() throws Exception {
        tokenizer = WordTokenizer.write(dir.resolve("tok"));
        data = TinyInstructions.write(dir.resolve("data"));
        prompt =
                new ChatPrompt(
                        PromptSpec.parse("user: {instruction} {input}\nassistant: {output}"),
                        TextGenerator.chatFormat(tokenizer).orElseThrow());
        lora = trained("lora", "causal-lora");
        full = trained("full", "causal-full");
    }

    private static LoadedModel trained(String method, String name) throws Exception {
        LoadedModel model =
                LoadedModel.load(
                        TestModels.fixtures("models/tiny-llama").toString(),
                        "cpu",
                        "float32",
                        DownloadProgress.NONE);
        Notebook notebook = restarted();
        notebook.variables.put("model", model);
        notebook.variables.put("tokenizer", tokenizer);
        // LoRA on the modules of peft's fixture adapter, to compare the layouts
        String targets = method.equals("lora") ? " --targets q_proj,k_proj,v_proj,o_proj" : "";
        new FinetuneMagic().run("--method " + method + targets + TRAIN + name, null, notebook);
        assertEquals(RunStatus.COMPLETED, store().require(name).status());
        return model;
    }

    @AfterAll
    static void close() {
        lora.close();
        full.close();
        tokenizer.close();
    }

    /** A notebook after a restart: the data and prompt cells ran again, nothing else. */
    private static Notebook restarted() {
        Notebook notebook = new Notebook(dir);
        notebook.variables.put("dataset", data);
        notebook.variables.put("prompt", prompt);
        return notebook;
    }

    private static RunStore store() {
        return RunStore.at(dir.resolve(".tunebook"));
    }

    @Test
    void evalOfARunAfterARestartScoresAsTheSessionsModel() throws Exception {
        for (String run : List.of("causal-lora", "causal-full")) {
            Notebook session = restarted();
            session.variables.put("model", run.equals("causal-lora") ? lora : full);
            session.variables.put("tokenizer", tokenizer);
            new EvalMagic().run("--model model" + EVAL, null, session);
            // the session's model is the one the run trained in place: its evaluation says so
            RunRecord inSession = store().require("eval " + run);
            assertEquals(store().require(run).id(), inSession.hyperparameters().get("source_run"));

            new EvalMagic().run(run + EVAL, null, restarted());
            RunRecord fromStore = store().require("eval " + run);
            assertNotEquals(inSession.id(), fromStore.id());
            assertEquals(inSession.metrics().get("test"), fromStore.metrics().get("test"), run);
            assertEquals(outputs(inSession), outputs(fromStore), run);
        }
    }

    private static List<?> outputs(RunRecord run) {
        return ((List<?>) run.extra().get("generations"))
                .stream().map(row -> ((java.util.Map<?, ?>) row).get("output")).toList();
    }

    @Test
    void savedLoraAdapterIsPeftsLayoutAndLoadsBackWithTheSameLogits() throws Exception {
        Path folder = dir.resolve("saved-adapter");
        new SaveMagic().run("causal-lora saved-adapter", null, restarted());
        JsonNode config = JSON.readTree(folder.resolve("adapter_config.json").toFile());
        JsonNode peft =
                JSON.readTree(
                        TestModels.fixtures("adapters/tiny-llama-lora")
                                .resolve("adapter_config.json")
                                .toFile());
        for (String field : List.of("peft_type", "task_type", "bias", "fan_in_fan_out")) {
            assertEquals(peft.get(field), config.get(field), field);
        }
        for (String field : List.of("r", "lora_alpha", "lora_dropout", "target_modules")) {
            assertTrue(config.has(field), field + " in " + config);
        }
        assertEquals(
                TestModels.fixtures("models/tiny-llama").toString(),
                config.get("base_model_name_or_path").asText());
        Set<String> keys = keys(folder.resolve("adapter_model.safetensors"));
        assertTrue(
                keys.contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"),
                keys.toString());
        Set<String> fixtureKeys =
                keys(
                        TestModels.fixtures("adapters/tiny-llama-lora")
                                .resolve("adapter_model.safetensors"));
        assertTrue(keys.containsAll(fixtureKeys), keys + " vs peft's " + fixtureKeys);
        assertTrue(Files.isRegularFile(folder.resolve("tokenizer_config.json")));
        try (LoadedModel back = loaded(folder)) {
            assertArrayEquals(logits(lora), logits(back), 1e-5f);
        }
    }

    @Test
    void mergedSavesAreTransformersFoldersThatLoadBackWithTheSameLogits() throws Exception {
        Path base = TestModels.fixtures("models/tiny-llama");
        for (String run : List.of("causal-lora", "causal-full")) {
            Path folder = dir.resolve("merged-" + run);
            new SaveMagic().run(run + " merged-" + run + " --merged", null, restarted());
            JsonNode config = JSON.readTree(folder.resolve("config.json").toFile());
            assertEquals("[\"LlamaForCausalLM\"]", config.get("architectures").toString());
            assertEquals("float32", config.get("dtype").asText());
            assertEquals(
                    keys(base.resolve("model.safetensors")),
                    keys(folder.resolve("model.safetensors")));
            assertTrue(Files.isRegularFile(folder.resolve("generation_config.json")), run);
            JsonNode tokenizerConfig =
                    JSON.readTree(folder.resolve("tokenizer_config.json").toFile());
            assertEquals(WordTokenizer.TEMPLATE, tokenizerConfig.get("chat_template").asText());
            assertFalse(Files.exists(folder.resolve("adapter_config.json")), run);
            LoadedModel trained = run.equals("causal-lora") ? lora : full;
            try (LoadedModel back = loaded(folder)) {
                assertArrayEquals(logits(trained), logits(back), 1e-5f, run);
            }
        }
        IllegalArgumentException again =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new SaveMagic()
                                        .run(
                                                "causal-full merged-causal-full --merged",
                                                null,
                                                restarted()));
        assertTrue(again.getMessage().contains("--overwrite"), again.getMessage());
        new SaveMagic()
                .run("causal-full merged-causal-full --merged --overwrite", null, restarted());
    }

    @Test
    void aFullFineTuneHasNoAdapterToSave() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new SaveMagic().run("causal-full no-adapter", null, restarted()));
        assertTrue(e.getMessage().contains("--merged"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("no-adapter")));
    }

    @Test
    void evalOfARunWhoseWeightsWereDeletedNamesTheFolder() throws Exception {
        LoadedModel gone = trained("lora", "causal-gone");
        gone.close();
        Path folder = RunWeights.of(store().require("causal-gone")).checkpoints();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new EvalMagic().run("causal-gone" + EVAL, null, restarted()));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private static LoadedModel loaded(Path folder) throws Exception {
        Notebook notebook = restarted();
        new ModelMagic().run("load " + folder + " --device cpu --name back", null, notebook);
        return (LoadedModel) notebook.variables.get("back");
    }

    private static float[] logits(LoadedModel model) {
        long[] ids = tokenizer.encode("classify the text great food !").ids();
        try (var scope = model.model().manager().newSubManager()) {
            NDArray input = scope.create(new long[][] {ids});
            return model.model().forward(input, input.onesLike()).toFloatArray();
        }
    }

    private static Set<String> keys(Path file) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return new TreeSet<>(f.tensors().keySet());
        }
    }
}
