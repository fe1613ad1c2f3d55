package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingData;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.finetune.tuned.FineTunedModel;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.Map;

/**
 * {@code %%finetune}: fine-tunes the notebook's model on its dataset with {@link Trainer} and binds
 * the {@link TrainingRun}, which is the cell's result only where no live display showed it (the
 * headless runner). Options come as {@code --key value} arguments or {@code key: value} body lines;
 * the notebook variables are looked up by name.
 */
public final class FinetuneMagic implements Magic {
    /** The usage text: synopsis, then every option. */
    public static final String USAGE =
            "%%finetune [--model NAME] [--data NAME] [--prompt NAME] [--tokenizer NAME]"
                    + " [--method full|lora|head] [--epochs N] [--lr X] [--batch N] [--accumulate N]"
                    + " [--max-length N] [--rank R] [--alpha A] [--dropout P] [--targets a,b]"
                    + " [--schedule constant|linear|cosine] [--warmup FRACTION] [--clip X]"
                    + " [--eval-every N] [--early-stop PATIENCE] [--seed N] [--device auto|cpu|gpu|gpu:N,...]"
                    + " [--freeze-layers N] [--weight-decay X] [--name RUN] [--resume RUN]"
                    + " [--bind VAR]\n"
                    + "Fine-tunes a model; the body may hold the same options as 'key: value' lines.\n"
                    + "--model, --data, --prompt, --tokenizer: notebook variables (default model,"
                    + " dataset, prompt if defined, tokenizer); --model may also be a loaded, LoRA"
                    + " or fine-tuned model.\n"
                    + "--method: full (default), lora, or head (linear probe on a frozen encoder,"
                    + " embeddings cached once). Classification data trains a BERT/MiniLM encoder"
                    + " with mean pooling and a new head; chat, instruction and completion data"
                    + " (with a %%prompt) train a causal model on the assistant's part only.\n"
                    + "--epochs (3) --lr (5e-5) --batch (16) --accumulate (1) --max-length (128)\n"
                    + "--rank (8) --alpha (16) --dropout (0) --targets (query,value / q_proj,v_proj"
                    + " / c_attn): LoRA.\n"
                    + "--schedule (linear) --warmup (0) --clip (1.0, 0 = off) --weight-decay (0.01,"
                    + " not on biases and norms)\n"
                    + "--eval-every N steps (0 = each epoch) --early-stop PATIENCE evaluations"
                    + " (0 = off) --seed (42) --freeze-layers N (with embeddings)\n"
                    + "--device (auto: every GPU, else the CPU; gpu:N, or a list gpu:0,gpu:1):"
                    + " several devices train data-parallel, each step's batch split among them.\n"
                    + "--name: the run's name in the run store; --resume RUN continues a run from"
                    + " its last checkpoint; --bind: the variable the run is bound to (default run).\n"
                    + "A classification run with --name X also binds X (a FineTunedModel; spam-lora"
                    + " binds spam_lora): %eval X, %predict X TEXT, X.predict(\"text\").";

    /** Returns this magic's registration, for the extension that wires magics. */
    public static MagicSpec spec() {
        return MagicSpec.cell("finetune", USAGE, new FinetuneMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        Map<String, String> options;
        try {
            options = TrainingOptionText.parse(args, body);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        FinetuneInputs inputs = FinetuneInputs.take(options);
        TrainingConfig config;
        try {
            config = TrainingConfigOptions.config(options);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        TrainingRun run = train(config, inputs, context);
        // A front end already shows the run in its live display, which ends as the run's
        // result (charts, message, metrics): returning it would show it all a second time.
        return Display.headless() ? run : null;
    }

    /**
     * Trains with {@code config} on the notebook variables {@code inputs} names and binds the run
     * to {@code inputs.bind()}. {@code %rerun} trains through here too.
     */
    static TrainingRun train(TrainingConfig config, FinetuneInputs inputs, MagicContext context)
            throws Exception {
        try {
            Trainer trainer = trainer(config, inputs, context);
            TrainingRun run = trainer.run();
            context.bind(inputs.bind(), TrainingRun.class, run);
            String bound =
                    FineTunedModels.remember(
                            context, trainer, run, config.name() != null, inputs.bind());
            if (bound != null) {
                System.out.println(
                        "bound "
                                + bound
                                + " (FineTunedModel): %eval "
                                + run.record().name()
                                + ", %predict "
                                + run.record().name()
                                + " TEXT");
            }
            return run;
        } catch (IllegalArgumentException e) {
            throw e instanceof MagicUsageException ? e : new MagicUsageException(e.getMessage());
        }
    }

    private static Trainer trainer(
            TrainingConfig config, FinetuneInputs inputs, MagicContext context) {
        String modelName = inputs.model();
        String dataName = inputs.data();
        String promptName = inputs.prompt();
        String tokenizerName = inputs.tokenizer();
        Object modelValue = variable(context, modelName, "model");
        LanguageModel model =
                part(
                        ModelParts.model(modelValue),
                        modelValue,
                        LanguageModel.class,
                        "model",
                        modelName);
        Trainer.Builder builder =
                Trainer.builder()
                        .setModel(model)
                        .optBaseRun(
                                FineTunedModels.lastOf(model)
                                        .map(FineTunedModel::runId)
                                        .orElse(null))
                        .optConfig(config)
                        .optRunStore(NotebookVariables.runStore(context))
                        .optCancellation(new KernelCancellation())
                        .optModelName(
                                modelValue instanceof LoadedModel loaded
                                        ? loaded.displayName()
                                        : orDefault(modelName, "model"))
                        .optModelSource(
                                modelValue instanceof LoadedModel loaded ? loaded.source() : null);
        Object data = variable(context, dataName, "dataset");
        if (data instanceof TrainingData tokenised) {
            return builder.setData(tokenised).build();
        }
        if (!(data instanceof Dataset dataset)) {
            throw new MagicUsageException(
                    "--data "
                            + orDefault(dataName, "dataset")
                            + " is not a dataset (%dataset load)");
        }
        Object tokenizer =
                tokenizerName == null && context.lookup("tokenizer") == null
                        ? modelValue
                        : variable(context, tokenizerName, "tokenizer");
        if (!dataset.unseenLabels().isEmpty()) {
            System.err.println("warning: " + dataset.unseenLabels().message());
        }
        builder.setDataset(dataset)
                .setTokenizer(
                        part(
                                ModelParts.tokenizer(tokenizer),
                                tokenizer,
                                Tokenizer.class,
                                "tokenizer",
                                tokenizerName));
        Object prompt =
                promptName == null
                        ? context.lookup("prompt")
                        : variable(context, promptName, "prompt");
        if (prompt != null && !(prompt instanceof ChatPrompt)) {
            throw new MagicUsageException(
                    "--prompt " + orDefault(promptName, "prompt") + " is not a %%prompt");
        }
        if (modelValue instanceof LoadedModel loaded) {
            builder.optModelFolder(loaded.folder());
        }
        return builder.optPrompt((ChatPrompt) prompt).build();
    }

    private static Object variable(MagicContext context, String name, String fallback) {
        String key = orDefault(name, fallback);
        Object value = context.lookup(key);
        if (value == null) {
            throw new MagicUsageException("no notebook variable '" + key + "'");
        }
        return value;
    }

    /** Returns {@code found}, the part of {@code value} of {@code type}, or names what is wrong. */
    private static <T> T part(T found, Object value, Class<T> type, String option, String name) {
        if (found != null) {
            return found;
        }
        throw new MagicUsageException(
                "--"
                        + option
                        + " "
                        + orDefault(name, option)
                        + " is a "
                        + value.getClass().getSimpleName()
                        + ", not a "
                        + type.getSimpleName());
    }

    private static String orDefault(String name, String fallback) {
        return name == null ? fallback : name;
    }
}
