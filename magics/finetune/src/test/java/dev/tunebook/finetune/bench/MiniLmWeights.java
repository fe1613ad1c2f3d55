package dev.tunebook.finetune.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.weights.OnnxBertImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Loads the real all-MiniLM-L6-v2 from the ONNX file in langchain4j's jar on the classpath. */
final class MiniLmWeights {
    private MiniLmWeights() {}

    /** Returns the model on the CPU, in evaluation mode; the caller closes it. */
    static BertModel load() throws IOException {
        Path onnx = Files.createTempFile("all-minilm-l6-v2", ".onnx");
        try (InputStream in = MiniLmWeights.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
                NDManager io = NDManager.newBaseManager()) {
            if (in == null) {
                throw new IOException("all-minilm-l6-v2.onnx is not on the classpath");
            }
            Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
            return (BertModel)
                    LanguageModel.fromWeights(OnnxBertImport.read(onnx, io), Device.cpu());
        } finally {
            Files.deleteIfExists(onnx);
        }
    }
}
