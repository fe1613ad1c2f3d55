package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The PEFT adapter fixtures, their base models and a tolerance check for tensors. */
final class AdapterFixtures {
    private AdapterFixtures() {}

    /** Returns every adapter folder under {@code ${tunebook.fixtures}/adapters}; none fails. */
    static List<Path> folders() throws IOException {
        Path root = TestModels.fixtures("adapters");
        try (Stream<Path> list = Files.list(root)) {
            List<Path> folders =
                    list.filter(Files::isDirectory).sorted().collect(Collectors.toList());
            assertFalse(folders.isEmpty(), "No adapter fixtures in " + root);
            return folders;
        }
    }

    /** A check of one adapter fixture folder. */
    @FunctionalInterface
    interface Check {
        /** Checks the adapter in {@code adapter}. */
        void run(Path adapter) throws Exception;
    }

    /** Returns one dynamic test per adapter folder, named after it, that runs {@code check}. */
    static Stream<org.junit.jupiter.api.DynamicTest> each(Check check) throws IOException {
        return folders().stream()
                .map(
                        f ->
                                org.junit.jupiter.api.DynamicTest.dynamicTest(
                                        f.getFileName().toString(), () -> check.run(f)));
    }

    /**
     * Returns the base model folder of an adapter: {@code base_model_name_or_path} resolved against
     * the adapter folder when that is a folder, else {@code models/<base>} where {@code base} comes
     * from the adapter's {@code reference.json}.
     */
    static Path baseModel(Path adapter) throws IOException {
        LoraConfig config = LoraConfig.read(adapter.resolve(LoraModel.CONFIG_FILE));
        try {
            return AdapterBase.resolve(adapter, config);
        } catch (WeightsFormatException notLocal) {
            Path models = TestModels.fixtures("models");
            Path base = models.resolve(reference(adapter).path("base").asText("?"));
            if (!Files.isDirectory(base)) {
                throw new AssertionError(adapter + ": no base model at " + base, notLocal);
            }
            return base;
        }
    }

    /** Returns the adapter's {@code reference.json}. */
    static JsonNode reference(Path adapter) throws IOException {
        return new ObjectMapper().readTree(adapter.resolve("reference.json").toFile());
    }

    /** Returns the adapter's {@code reference.safetensors} (inputs and expected outputs). */
    static java.util.Map<String, NDArray> tensors(Path adapter, ai.djl.ndarray.NDManager manager)
            throws IOException {
        return TestModels.tensors(adapter.resolve("reference.safetensors"), manager);
    }

    /** Fails unless every element is within {@code abs} or {@code rel} (relative) of the want. */
    static void assertClose(String what, NDArray want, NDArray got, double abs, double rel) {
        assertArrayEquals(want.getShape().getShape(), got.getShape().getShape(), what + " shape");
        float[] w = want.toFloatArray();
        float[] g = got.toFloatArray();
        for (int i = 0; i < w.length; i++) {
            double diff = Math.abs(w[i] - g[i]);
            if (diff > abs && diff > rel * Math.abs(w[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + w[i] + " got " + g[i]);
            }
        }
    }
}
