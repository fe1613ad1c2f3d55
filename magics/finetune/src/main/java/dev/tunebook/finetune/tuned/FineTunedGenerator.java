package dev.tunebook.finetune.tuned;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.eval.GenerationRuns;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A causal language model that a fine-tune run trained, rebuilt from its run record alone ({@link
 * RunWeights}), as {@link FineTunedModel#load} does for classifiers: the base model from its
 * recorded source (or the model of the run it started from, {@code base_run}), then the run's
 * checkpoint applied for its method (full: the trained weights; lora: the PEFT adapter, kept
 * unmerged as in training), with the tokenizer it was trained with. So {@code %eval RUN} works
 * after a kernel restart.
 *
 * <pre>{@code
 * try (FineTunedGenerator chat = FineTunedGenerator.load(RunStore.open(), "chat-lora", "auto")) {
 *     long[] out = chat.model().generate(prompt, GenerationOptions.greedy(32));
 * }
 * }</pre>
 *
 * <p>Instances are not thread-safe. Closing one frees the model and tokenizer it loaded.
 */
public final class FineTunedGenerator implements AutoCloseable {
    private final RunRecord run;
    private final Path checkpoint;
    private final CausalLanguageModel model;
    private final Tokenizer tokenizer;
    private final List<AutoCloseable> owned;

    private FineTunedGenerator(
            RunRecord run,
            Path checkpoint,
            CausalLanguageModel model,
            Tokenizer tokenizer,
            List<AutoCloseable> owned) {
        this.run = run;
        this.checkpoint = checkpoint;
        this.model = model;
        this.tokenizer = tokenizer;
        this.owned = List.copyOf(owned);
    }

    /**
     * Loads generation fine-tune {@code key} (an id, a name, or an id prefix) from {@code store}.
     *
     * @param device {@code auto}, {@code cpu} or {@code gpu}
     * @throws IllegalArgumentException naming the known runs for an unknown key; saying why for a
     *     run that is no causal fine-tune, records no base model, or whose weights folder is gone
     *     (naming it)
     * @throws IOException naming the file that cannot be read
     */
    public static FineTunedGenerator load(RunStore store, String key, String device)
            throws IOException {
        return load(store, store.require(key), device);
    }

    /**
     * Loads the causal model fine-tune {@code run} of {@code store} trained. A record that names no
     * checkpoint folder but a saved model ({@code output_dir}, {@code model_path} or {@code
     * checkpoint}, as records written by other tools do) is loaded from that folder ({@link
     * GenerationRuns#loadModel}), without a tokenizer.
     */
    public static FineTunedGenerator load(RunStore store, RunRecord run, String device)
            throws IOException {
        if (!run.extra().containsKey("checkpoints") && run.kind() == RunKind.FINETUNE) {
            CausalLanguageModel saved = GenerationRuns.loadModel(run, LoadedModel.device(device));
            return new FineTunedGenerator(run, null, saved, null, List.of(saved));
        }
        RunWeights weights = RunWeights.of(run);
        if (!weights.isCausal() && !weights.labels().isEmpty()) {
            throw new IllegalArgumentException(
                    "run "
                            + RunWeights.describe(run)
                            + " trained a classifier (labels "
                            + weights.labels()
                            + "), not a model that generates: use FineTunedModel.load");
        }
        Path dir = weights.checkpoint();
        if (weights.baseModel() == null && weights.baseRun() == null) {
            throw new IllegalArgumentException(
                    "run "
                            + RunWeights.describe(run)
                            + " records no base model source (field base_model): it was trained"
                            + " before tunebook kept it, or on a model not loaded from a source;"
                            + " train it again to use it after a restart");
        }
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            CausalLanguageModel model;
            Tokenizer tokenizer;
            if (weights.baseRun() != null) {
                FineTunedGenerator before = load(store, store.require(weights.baseRun()), device);
                owned.add(before);
                model = before.model();
                tokenizer = before.tokenizer();
            } else {
                LoadedModel base =
                        LoadedModel.load(
                                weights.baseModel(), device, "float32", DownloadProgress.NONE);
                owned.add(base);
                model = causal(run, weights, base.model());
                tokenizer = base.hasTokenizer() ? base.tokenizer() : null;
            }
            if (weights.tokenizer() != null && Files.isRegularFile(weights.tokenizer())) {
                Tokenizer own = Tokenizer.load(weights.tokenizer(), weights.textPrefix());
                owned.add(own);
                tokenizer = own;
            }
            apply(weights, model);
            model.setTraining(false);
            return new FineTunedGenerator(run, dir, model, tokenizer, owned);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : owned) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    /**
     * Applies the checkpoint of {@code weights} to {@code model}, its base: a full fine-tune's
     * trained weights replace the base's; a LoRA run's adapter is added (unmerged).
     *
     * @return the adapter for a LoRA run, else null
     * @throws IllegalArgumentException naming the file when it holds a weight the model lacks
     * @throws IOException naming the file that cannot be read
     */
    public static LoraModel apply(RunWeights weights, LanguageModel model) throws IOException {
        if (weights.method() == TrainingMethod.LORA) {
            return LoraModel.load(model, weights.adapterFolder());
        }
        Path file = weights.trainableFile();
        Map<String, NDArray> saved = Weights.load(file, model.manager());
        Map<String, NDArray> current = model.weights();
        for (String name : saved.keySet()) {
            if (!current.containsKey(name)) {
                saved.values().forEach(NDArray::close);
                throw new IllegalArgumentException(
                        file
                                + " holds "
                                + name
                                + ", which the base model "
                                + weights.baseModel()
                                + " lacks");
            }
        }
        saved.forEach(
                (name, array) -> {
                    NDArray old = current.get(name);
                    model.assign(name, array);
                    old.close();
                });
        return null;
    }

    private static CausalLanguageModel causal(
            RunRecord run, RunWeights weights, LanguageModel model) {
        if (model instanceof CausalLanguageModel causal) {
            return causal;
        }
        throw new IllegalArgumentException(
                "run "
                        + RunWeights.describe(run)
                        + ": its base model "
                        + weights.baseModel()
                        + " is a "
                        + model.getClass().getSimpleName()
                        + ", not a causal language model");
    }

    /** Returns the run's record. */
    public RunRecord run() {
        return run;
    }

    /** Returns the checkpoint folder the model was rebuilt from, or null for a saved folder. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** Returns the model, with the run's weights (and its adapter, for a LoRA run). */
    public CausalLanguageModel model() {
        return model;
    }

    /**
     * Returns the tokenizer the run was trained with, or null when neither it nor the base has one.
     */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + run.id() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable c, Exception cause) {
        try {
            c.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
