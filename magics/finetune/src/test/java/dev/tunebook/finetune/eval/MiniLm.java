package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.OnnxBertImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** all-MiniLM-L6-v2 from the langchain4j jar on the test classpath, imported from its ONNX file. */
public final class MiniLm implements AutoCloseable {
    /** The encoder. */
    public final BertModel model;

    /** Its tokenizer. */
    public final Tokenizer tokenizer;

    private MiniLm(BertModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Extracts the ONNX file and tokenizer into {@code dir} and loads both. */
    public static MiniLm load(Path dir) throws IOException {
        Path onnx = extract("all-minilm-l6-v2.onnx", dir.resolve("model.onnx"));
        Path tokenizerJson =
                extract("all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
        try (NDManager io = NDManager.newBaseManager()) {
            BertModel model =
                    (BertModel)
                            LanguageModel.fromWeights(OnnxBertImport.read(onnx, io), Device.cpu());
            return new MiniLm(model, Tokenizer.load(tokenizerJson));
        }
    }

    private static Path extract(String resource, Path target) throws IOException {
        try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " not on the test classpath (langchain4j MiniLM jar)");
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
