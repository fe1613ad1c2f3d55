package dev.tunebook.finetune.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.io.AtomicFile;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.SafetensorsFile;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence classifier as the {@code Trainer} trains one on an encoder: the BERT-family encoder,
 * mean pooling over the real tokens, and a linear head ({@code classifier.weight [labels, hidden]},
 * {@code classifier.bias [labels]}); scores are the log-softmax of the head's logits. Get one from
 * a finished run ({@code TrainingRun.classifier}) or from a folder {@link #save} wrote, which holds
 * the encoder as a Hugging Face folder ({@code config.json}, {@code model.safetensors}), its {@code
 * tokenizer.json}, the head in {@code classifier.safetensors} and the labels and token limit in
 * {@code classifier.json}.
 *
 * <p>Instances are not thread-safe (they share the encoder). Close one to free its head, and the
 * encoder and tokenizer when it was loaded from a folder.
 */
public final class SentenceClassifier implements TextClassifier, AutoCloseable {
    /** The head's file in a saved folder. */
    public static final String HEAD_FILE = "classifier.safetensors";

    /** The labels and token limit in a saved folder. */
    public static final String SETTINGS_FILE = "classifier.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BertModel encoder;
    private final Tokenizer tokenizer;
    private final List<String> labels;
    private final NDArray weight;
    private final NDArray bias;
    private final int maxLength;
    private final boolean ownsEncoder;
    private final EncoderBatches batches;

    private SentenceClassifier(
            BertModel encoder,
            Tokenizer tokenizer,
            List<String> labels,
            Map<String, NDArray> head,
            int maxLength,
            boolean ownsEncoder) {
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.labels = List.copyOf(labels);
        this.weight = head.get("classifier.weight");
        this.bias = head.get("classifier.bias");
        this.maxLength = maxLength;
        this.ownsEncoder = ownsEncoder;
        this.batches = new EncoderBatches(encoder, tokenizer, 64, maxLength);
        if (weight == null || bias == null || weight.getShape().get(0) != labels.size()) {
            head.values().forEach(NDArray::close);
            throw new IllegalArgumentException(
                    "the head must hold classifier.weight [labels, hidden] and classifier.bias for"
                            + " the labels "
                            + labels
                            + ", not "
                            + head.keySet());
        }
    }

    /**
     * Returns the classifier of {@code encoder} with the head {@code classifier.weight} and {@code
     * classifier.bias} (which it then owns), reading at most {@code maxLength} tokens per text.
     *
     * @throws IllegalArgumentException when the head lacks an array or has another width
     */
    public static SentenceClassifier of(
            BertModel encoder,
            Tokenizer tokenizer,
            List<String> labels,
            Map<String, NDArray> head,
            int maxLength) {
        return new SentenceClassifier(encoder, tokenizer, labels, head, maxLength, false);
    }

    /**
     * Loads a classifier that {@link #save} wrote.
     *
     * @throws IOException naming the file that is missing or unreadable
     */
    public static SentenceClassifier load(Path folder, Device device) throws IOException {
        Path settings = folder.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(settings)) {
            throw new IOException(folder + " holds no " + SETTINGS_FILE + ": not a classifier");
        }
        JsonNode json = JSON.readTree(settings.toFile());
        List<String> labels = new ArrayList<>();
        json.path("labels").forEach(l -> labels.add(l.asText()));
        LanguageModel model = LanguageModel.load(folder, device);
        if (!(model instanceof BertModel encoder)) {
            model.close();
            throw new IOException(folder + " holds a " + model.getClass().getSimpleName());
        }
        Map<String, NDArray> head = new LinkedHashMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve(HEAD_FILE))) {
            for (String name : List.of("classifier.weight", "classifier.bias")) {
                head.put(name, file.toNDArray(name, encoder.manager()));
            }
            Tokenizer tokenizer = Tokenizer.load(folder.resolve("tokenizer.json"));
            return new SentenceClassifier(
                    encoder, tokenizer, labels, head, json.path("max_length").asInt(512), true);
        } catch (IOException | RuntimeException e) {
            head.values().forEach(NDArray::close);
            encoder.close();
            throw e;
        }
    }

    /**
     * Writes the encoder, its tokenizer, the head and the labels into {@code folder}, each file
     * atomically. A LoRA-trained encoder is saved as it is: merge its adapter first.
     */
    public void save(Path folder) throws IOException {
        encoder.save(folder);
        Files.createDirectories(folder);
        AtomicFile.write(folder.resolve("tokenizer.json"), Files.readAllBytes(tokenizer.file()));
        Map<String, NDArray> head = new LinkedHashMap<>();
        head.put("classifier.weight", weight);
        head.put("classifier.bias", bias);
        SafetensorsWriter.write(folder.resolve(HEAD_FILE), head);
        ObjectNode settings = JSON.createObjectNode().put("pooling", "mean");
        labels.forEach(settings.putArray("labels")::add);
        settings.put("max_length", maxLength);
        AtomicFile.writeString(
                folder.resolve(SETTINGS_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<LabelScores> classify(List<String> texts) {
        float[][] logits = batches.apply(texts, this::logits);
        List<LabelScores> out = new ArrayList<>(logits.length);
        for (float[] row : logits) {
            out.add(new LabelScores(labels, LogSoftmax.of(row)));
        }
        return out;
    }

    private NDArray logits(NDArray ids, NDArray mask) {
        NDManager scope = ids.getManager();
        // The head lives in the encoder's manager, on its device.
        try (NDArray pooled = encoder.embed(ids, mask, Pooling.MEAN);
                NDArray transposed = weight.transpose();
                NDArray product = pooled.matMul(transposed)) {
            NDArray out = product.add(bias);
            out.attach(scope);
            return out;
        }
    }

    @Override
    public void close() {
        weight.close();
        bias.close();
        if (ownsEncoder) {
            tokenizer.close();
            encoder.close();
        }
    }
}
