package dev.tunebook.finetune.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.OnnxBertImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the MiniLM benchmarks share: the UCI sentiment split "all" and all-MiniLM-L6-v2 with its
 * tokenizer, from the langchain4j jar on the test classpath.
 */
final class UciMiniLm {
    private UciMiniLm() {}

    /** Returns the UCI sentences with the fixed split (train 2400 / val 300 / test 300). */
    static Dataset dataset() throws IOException {
        Path uci =
                Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                        .resolve("uci-sentiment");
        return DatasetLoader.builder()
                .setSource(uci)
                .optSplitFile(uci.resolve("splits.json"))
                .build()
                .load();
    }

    /** Returns MiniLM imported from its ONNX file on the CPU; {@code work} holds the copy. */
    static LanguageModel model(Path work) throws IOException {
        Path onnx = resource("all-minilm-l6-v2.onnx", work.resolve("model.onnx"));
        try (NDManager io = NDManager.newBaseManager()) {
            return LanguageModel.fromWeights(OnnxBertImport.read(onnx, io), Device.cpu());
        }
    }

    /** Returns MiniLM's tokenizer; {@code work} holds the copy of its tokenizer.json. */
    static Tokenizer tokenizer(Path work) throws IOException {
        return Tokenizer.load(
                resource("all-minilm-l6-v2-tokenizer.json", work.resolve("tokenizer.json")));
    }

    private static Path resource(String name, Path target) throws IOException {
        try (InputStream in = UciMiniLm.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath (langchain4j's MiniLM jar)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
