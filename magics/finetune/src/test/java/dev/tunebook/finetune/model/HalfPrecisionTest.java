package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.tunebook.finetune.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every fixture model converted to float16 stays close to transformers' float32 outputs. */
class HalfPrecisionTest {
    @TestFactory
    Stream<DynamicTest> float16StaysCloseToFloat32() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(Fixtures.dir("models"))) {
            folders = list.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
        return folders.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private void check(Path folder) throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                LanguageModel model = LanguageModel.load(folder, Device.cpu())) {
            Map<String, NDArray> ref =
                    ReferenceTensors.read(folder.resolve("reference.safetensors"), manager);
            model.toType(DataType.FLOAT16);
            assertEquals(DataType.FLOAT16, model.dataType());
            NDArray logits = model.forward(ref.get("input_ids"), ref.get("attention_mask"));
            assertEquals(DataType.FLOAT16, logits.getDataType());
            float[] got = logits.toType(DataType.FLOAT32, false).toFloatArray();
            float[] want = ref.get("logits").toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 2e-2 + 1e-2 * Math.abs(want[i]), "logit " + i);
            }
            NDArray loss =
                    model.loss(ref.get("input_ids"), ref.get("attention_mask"), ref.get("labels"));
            float expected = ref.get("loss").getFloat(0);
            assertEquals(expected, loss.getFloat(), 1e-2 * expected, "loss");
            assertThrows(IllegalArgumentException.class, () -> model.toType(DataType.INT32));
            model.toType(DataType.FLOAT32);
            assertTrue(
                    model.weights().values().stream()
                            .allMatch(a -> a.getDataType() == DataType.FLOAT32));
        }
    }
}
