package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adapter that does not fit its model fails with an error naming the file and tensor, and leaves
 * the model as it was.
 */
class LoraBadInputTest {
    private static final String LLAMA = "tiny-llama-lora";
    private static final String Q0_A =
            "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";

    @TempDir Path temp;

    @Test
    void missingTensorIsNamed() throws IOException {
        Path broken = rewrite(tensors -> tensors.remove(Q0_A), null);
        assertLoadFails(broken, Q0_A);
    }

    @Test
    void extraTensorIsNamed() throws IOException {
        String extra = "base_model.model.model.layers.0.mlp.up_proj.lora_A.weight";
        Path broken = rewrite(t -> t.put(extra, t.get(Q0_A).duplicate()), null);
        assertLoadFails(broken, extra);
    }

    @Test
    void wrongRankIsAShapeError() throws IOException {
        Path broken = rewrite(t -> {}, "\"r\": 2");
        assertLoadFails(broken, "has shape");
    }

    @Test
    void missingWeightsFileIsNamed() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("only-config"));
        Files.copy(fixture().resolve(LoraModel.CONFIG_FILE), folder.resolve(LoraModel.CONFIG_FILE));
        assertLoadFails(folder, LoraModel.WEIGHTS_FILE);
    }

    @Test
    void adapterOfAnotherBaseIsRefused() throws IOException {
        Path gpt2 = AdapterFixtures.baseModel(fixture().resolveSibling("tiny-gpt2-lora"));
        try (NDManager root = NDManager.newBaseManager();
                LanguageModel model = LanguageModel.load(gpt2, Device.cpu())) {
            Set<String> before = Set.copyOf(model.parameters().keySet());
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> LoraModel.load(model, fixture()));
            assertTrue(e.getMessage().contains("not found in the base model"), e.getMessage());
            assertEquals(before, model.parameters().keySet());
        }
    }

    @Test
    void targetThatIsNotAProjectionAndSecondAdapterAreRefused() throws IOException {
        try (NDManager root = NDManager.newBaseManager();
                LanguageModel model = LanguageModel.load(base(), Device.cpu())) {
            LoraConfig attention =
                    LoraConfig.builder().setRank(2).setTargetModules(List.of("self_attn")).build();
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> LoraModel.apply(model, attention, 0));
            assertTrue(e.getMessage().contains("model.layers.0.self_attn"), e.getMessage());
            LoraModel.load(model, fixture());
            assertThrows(IllegalStateException.class, () -> LoraModel.load(model, fixture()));
        }
    }

    @Test
    void baseThatIsNotLocalIsNamed() throws IOException {
        Path folder = rewrite(t -> {}, null);
        String config = Files.readString(folder.resolve(LoraModel.CONFIG_FILE));
        Files.writeString(
                folder.resolve(LoraModel.CONFIG_FILE),
                config.replace("../../models/tiny-llama", "meta-llama/Nowhere-1B"));
        WeightsFormatException e =
                assertThrows(
                        WeightsFormatException.class,
                        () -> LoraModel.loadPretrained(folder, Device.cpu()));
        assertTrue(e.getMessage().contains("meta-llama/Nowhere-1B"), e.getMessage());
        assertTrue(e.getMessage().contains("base_model_name_or_path"), e.getMessage());
    }

    @Test
    void moduleToSaveThatIsNotAProjectionLeavesTheModelAlone() throws IOException {
        try (LanguageModel model = LanguageModel.load(base(), Device.cpu())) {
            Set<String> before = Set.copyOf(model.parameters().keySet());
            LoraConfig config =
                    LoraConfig.builder()
                            .setRank(2)
                            .setTargetModules(List.of("q_proj"))
                            .optModulesToSave(List.of("embed_tokens"))
                            .build();
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> LoraModel.apply(model, config, 0));
            assertTrue(e.getMessage().contains("model.embed_tokens"), e.getMessage());
            assertEquals(before, model.parameters().keySet());
        }
    }

    private void assertLoadFails(Path adapter, String fragment) throws IOException {
        try (NDManager root = NDManager.newBaseManager();
                LanguageModel model = LanguageModel.load(base(), Device.cpu())) {
            Set<String> before = Set.copyOf(model.parameters().keySet());
            WeightsFormatException e =
                    assertThrows(
                            WeightsFormatException.class, () -> LoraModel.load(model, adapter));
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
            assertTrue(e.getMessage().contains(adapter.toString()), e.getMessage());
            assertEquals(before, model.parameters().keySet(), "model changed by a failed load");
            assertTrue(
                    model.parameters().values().stream().allMatch(p -> p.getArray().hasGradient()));
        }
    }

    /** Copies the llama adapter to a temp folder, editing its tensors and optionally its rank. */
    private Path rewrite(Consumer<Map<String, NDArray>> edit, String rank) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("broken"));
        String config = Files.readString(fixture().resolve(LoraModel.CONFIG_FILE));
        Files.writeString(
                folder.resolve(LoraModel.CONFIG_FILE),
                rank == null ? config : config.replace("\"r\": 4", rank));
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors =
                    new LinkedHashMap<>(
                            TestModels.tensors(fixture().resolve(LoraModel.WEIGHTS_FILE), m));
            edit.accept(tensors);
            SafetensorsWriter.write(folder.resolve(LoraModel.WEIGHTS_FILE), tensors);
        }
        return folder;
    }

    private static Path fixture() {
        return TestModels.fixtures("adapters").resolve(LLAMA);
    }

    private static Path base() throws IOException {
        return AdapterFixtures.baseModel(fixture());
    }
}
