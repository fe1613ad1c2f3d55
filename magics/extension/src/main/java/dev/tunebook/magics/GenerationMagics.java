package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.TaskKind;
import dev.tunebook.finetune.eval.GenerationBaseline;
import dev.tunebook.finetune.eval.GenerationEvaluation;
import dev.tunebook.finetune.eval.GenerationExamples;
import dev.tunebook.finetune.eval.GenerationRun;
import dev.tunebook.finetune.eval.GenerationRuns;
import dev.tunebook.finetune.eval.TextGenerator;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.ModelFormatCheck;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.tuned.FineTunedGenerator;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code %eval} and {@code %baseline} on generation data (instruction, chat, or completion with a
 * {@code %%prompt}): parses the options, finds the model, tokenizer, prompt and dataset, and calls
 * {@link GenerationEvaluation} or {@link GenerationBaseline}.
 */
final class GenerationMagics {
    /** The usage lines {@code %eval} and {@code %baseline} add for generation data. */
    /** The record field naming a prompt in another template than the model's own. */
    static final String MISMATCH = "prompt_format_mismatch";

    static final String USAGE =
            "On instruction or chat data (or any data with a %%prompt), both magics generate:"
                    + " greedy decoding from the prompt (`prompt` if bound, else the tokenizer's"
                    + " chat template), recorded with ROUGE-1/2/L, exact match, reference"
                    + " perplexity, mean prompt and output tokens, a per-example table and the"
                    + " decoding settings. Options: --max-new-tokens N (default 64), --limit N"
                    + " (first N rows), --batch N (default 8), --prompt NAME, --reference COLUMN"
                    + " (%eval: the answer's column; default the prompt's last assistant turn);"
                    + " few-shot shows K train rows as earlier turns (default 3). %eval RUN of a"
                    + " generation fine-tune rebuilds its model (base, then its trained weights or"
                    + " LoRA adapter) and tokenizer from the run store, so it works after a"
                    + " restart.";

    private GenerationMagics() {}

    /** Returns whether the dataset in {@code variable} asks for generation rather than labels. */
    static boolean applies(MagicContext context, String variable) {
        return context.lookup(variable) instanceof Dataset d && d.task() != TaskKind.CLASSIFICATION;
    }

    /** The options both magics share. */
    private static final class Options {
        String run;
        String model = "model";
        String split = "test";
        String data = NotebookVariables.DATASET;
        String prompt;
        String reference;
        String instruction;
        String name;
        int shots = -1;
        long seed;
        int limit;
        int batch = 8;
        int maxNewTokens = 64;
    }

    /** Runs {@code %eval} on generation data. */
    static Object eval(List<String> words, MagicContext context) throws Exception {
        Options o = parse(words, false);
        Dataset dataset = dataset(context, o.data);
        RunStore store = NotebookVariables.runStore(context);
        RunRecordBuilder eval = RunRecord.builder(RunKind.EVAL, "eval");
        RunRecord source = o.run == null ? null : store.require(o.run);
        FineTunedGenerator opened = null;
        try {
            CausalLanguageModel model;
            String evalName;
            if (source != null && source.kind() == RunKind.FINETUNE) {
                // Rebuilt from the store alone, so it works after a kernel restart.
                opened = FineTunedGenerator.load(store, source, "auto");
                model = opened.model();
            } else if (source != null && source.kind() == RunKind.EVAL) {
                throw new MagicUsageException(
                        "run " + source.id() + " is an evaluation: evaluate the run it measured");
            } else {
                model = causal(context, o.model);
                // the model a fine-tune trained in place: its evaluation measures that run
                source =
                        FineTunedModels.lastRunOf(NotebookVariables.model(context, o.model))
                                .orElse(null);
            }
            if (source != null) {
                evalName = "eval " + source.name();
                eval.optModel(source.model())
                        .optMethod(source.method())
                        .putHyperparameter("source_run", source.id());
                fromBaseline(source, o);
            } else {
                evalName = "eval " + o.model;
                eval.optModel(NotebookVariables.modelName(context, o.model));
            }
            Tokenizer tokenizer =
                    opened != null && opened.tokenizer() != null
                            ? opened.tokenizer()
                            : tokenizer(context, o.model);
            GenerationEvaluation evaluation =
                    evaluation(model, tokenizer, o)
                            .setExamples(examples(context, o, dataset, tokenizer).build())
                            .optTitle(evalName + " — " + o.split)
                            .build();
            eval.setName(evalName).optDataset(dataset.name());
            checkFormat(context, o, source).ifPresent(d -> eval.putExtra(MISMATCH, d));
            if (o.limit > 0) {
                eval.putHyperparameter("limit", o.limit);
            }
            GenerationRun run =
                    GenerationRuns.record(
                            store,
                            eval.build(),
                            evaluation,
                            o.split,
                            new KernelCancellation(),
                            new GenerationProgressLine(System.out));
            return run;
        } finally {
            if (opened != null) {
                opened.close();
            }
        }
    }

    /** Runs {@code %baseline zero-shot|few-shot} on generation data. */
    static Object baseline(List<String> words, MagicContext context) throws Exception {
        Options o = parse(words, true);
        Tokenizer tokenizer = tokenizer(context, o.model);
        CausalLanguageModel model = causal(context, o.model);
        GenerationBaseline.Builder builder =
                GenerationBaseline.builder()
                        .setExamples(examples(context, o, dataset(context, o.data), tokenizer))
                        .setEvaluation(evaluation(model, tokenizer, o))
                        .optModelName(NotebookVariables.modelName(context, o.model));
        if (o.name != null) {
            builder.optName(o.name);
        }
        GenerationRun run =
                builder.build()
                        .record(
                                NotebookVariables.runStore(context),
                                new KernelCancellation(),
                                new GenerationProgressLine(System.out));
        return run;
    }

    /**
     * Returns the examples both magics answer: the split's rows through the {@code %%prompt}, or
     * the tokenizer's chat template.
     */
    private static GenerationExamples.Builder examples(
            MagicContext context, Options o, Dataset dataset, Tokenizer tokenizer) {
        ChatPrompt prompt = prompt(context, o.prompt);
        return GenerationExamples.builder()
                .setDataset(dataset)
                .setSplit(o.split)
                .setFormat(prompt != null ? prompt.format() : template(tokenizer))
                .optPrompt(prompt)
                .optReferenceColumn(o.reference)
                .optSystem(o.instruction)
                .optShots(Math.max(o.shots, 0))
                .optSeed(o.seed)
                .optLimit(o.limit);
    }

    /** Returns the model, tokenizer and greedy decoding both magics generate with. */
    private static GenerationEvaluation.Builder evaluation(
            CausalLanguageModel model, Tokenizer tokenizer, Options o) {
        return GenerationEvaluation.builder()
                .setModel(model)
                .setTokenizer(tokenizer)
                .optOptions(GenerationOptions.greedy(o.maxNewTokens))
                .optBatchSize(o.batch);
    }

    private static Options parse(List<String> words, boolean baseline) {
        Options o = new Options();
        int i = 0;
        if (baseline) {
            if (words.isEmpty() || !List.of("zero-shot", "few-shot").contains(words.get(0))) {
                throw new MagicUsageException("say zero-shot or few-shot first");
            }
            o.shots = words.get(0).equals("few-shot") ? 3 : 0;
            i = 1;
        }
        for (; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--model" -> o.model = MagicArguments.value(words, i++);
                case "--split" -> o.split = MagicArguments.value(words, i++);
                case "--data" -> o.data = MagicArguments.value(words, i++);
                case "--prompt" -> o.prompt = MagicArguments.value(words, i++);
                case "--max-new-tokens" ->
                        o.maxNewTokens =
                                MagicArguments.integer(word, MagicArguments.value(words, i++), 1);
                case "--limit" ->
                        o.limit = MagicArguments.integer(word, MagicArguments.value(words, i++), 1);
                case "--batch" ->
                        o.batch = MagicArguments.integer(word, MagicArguments.value(words, i++), 1);
                case "--reference" -> o.reference = onlyEval(baseline, word, words, i++);
                case "--instruction" -> o.instruction = onlyBaseline(baseline, word, words, i++);
                case "--name" -> o.name = onlyBaseline(baseline, word, words, i++);
                case "--seed" ->
                        o.seed =
                                MagicArguments.integer(
                                        word, onlyBaseline(baseline, word, words, i++), 0);
                case "--shots" -> {
                    if (o.shots == 0 || !baseline) {
                        throw new MagicUsageException("--shots is for few-shot");
                    }
                    o.shots = MagicArguments.integer(word, MagicArguments.value(words, i++), 1);
                }
                default -> {
                    if (baseline || word.startsWith("--") || o.run != null) {
                        throw new MagicUsageException("unexpected " + word);
                    }
                    o.run = word;
                }
            }
        }
        return o;
    }

    private static String onlyEval(boolean baseline, String option, List<String> words, int i) {
        if (baseline) {
            throw new MagicUsageException(option + " is for %eval");
        }
        return MagicArguments.value(words, i);
    }

    private static String onlyBaseline(boolean baseline, String option, List<String> words, int i) {
        if (!baseline) {
            throw new MagicUsageException(option + " is for %baseline");
        }
        return MagicArguments.value(words, i);
    }

    /** Takes a generation baseline's shots, seed and instruction, to evaluate it again. */
    private static void fromBaseline(RunRecord source, Options o) {
        if (source.kind() != RunKind.BASELINE) {
            return;
        }
        if (source.hyperparameters().get("shots") instanceof Number n) {
            o.shots = n.intValue();
        }
        if (source.hyperparameters().get("seed") instanceof Number n) {
            o.seed = n.longValue();
        }
        if (source.hyperparameters().get("instruction") instanceof String s) {
            o.instruction = s;
        }
    }

    private static Dataset dataset(MagicContext context, String variable) {
        if (context.lookup(variable) instanceof Dataset d) {
            return d;
        }
        throw new MagicUsageException(
                "no dataset in notebook variable '" + variable + "': run %dataset load FILE first");
    }

    private static CausalLanguageModel causal(MagicContext context, String variable) {
        LanguageModel model = NotebookVariables.model(context, variable);
        if (model instanceof CausalLanguageModel causal) {
            return causal;
        }
        throw new MagicUsageException(
                "'"
                        + variable
                        + "' is a "
                        + model.getClass().getSimpleName()
                        + ", which cannot generate: load a causal language model");
    }

    /**
     * Returns the notebook's tokenizer, or the loaded model's, naming the model when it has none.
     */
    private static Tokenizer tokenizer(MagicContext context, String modelVariable) {
        if (context.lookup(NotebookVariables.TOKENIZER) instanceof Tokenizer t) {
            return t;
        }
        if (context.lookup(modelVariable) instanceof LoadedModel loaded && !loaded.hasTokenizer()) {
            throw new MagicUsageException(
                    "the model in '"
                            + modelVariable
                            + "' ("
                            + loaded.folder()
                            + ") has no tokenizer (tokenizer.json): generation needs one; bind a"
                            + " Tokenizer to 'tokenizer'");
        }
        return NotebookVariables.tokenizer(context, modelVariable);
    }

    /**
     * Checks the prompt an evaluation uses against the evaluated model's own chat template (the
     * loaded model's folder, or the base model a stored run names), printing the warning {@code
     * %%prompt} prints and returning what the record keeps; empty when they agree or either is
     * unknown.
     */
    private static Optional<Map<String, Object>> checkFormat(
            MagicContext context, Options o, RunRecord source) {
        ChatPrompt prompt = prompt(context, o.prompt);
        Optional<Path> folder =
                o.run == null
                        ? context.lookup(o.model) instanceof LoadedModel loaded
                                ? Optional.ofNullable(loaded.folder())
                                : Optional.empty()
                        : source != null && source.extra().get("base_model") instanceof String base
                                ? Optional.of(Path.of(base))
                                : Optional.empty();
        if (prompt == null || folder.isEmpty() || !Files.isDirectory(folder.get())) {
            return Optional.empty();
        }
        return ModelFormatCheck.check(prompt, folder.get())
                .map(
                        d -> {
                            System.err.println("warning: " + d.message());
                            return ModelFormatCheck.recordOf(d);
                        });
    }

    private static ChatPrompt prompt(MagicContext context, String variable) {
        String name = variable == null ? "prompt" : variable;
        Object value = context.lookup(name);
        if (value == null && variable == null) {
            return null;
        }
        if (value instanceof ChatPrompt prompt) {
            return prompt;
        }
        throw new MagicUsageException(
                "'" + name + "' is not a %%prompt" + (value == null ? " (unbound)" : ""));
    }

    private static PromptFormat template(Tokenizer tokenizer) {
        return TextGenerator.chatFormat(tokenizer)
                .orElseThrow(
                        () ->
                                new MagicUsageException(
                                        "tokenizer "
                                                + tokenizer.file()
                                                + " has no chat template (chat_template in"
                                                + " tokenizer_config.json): write a %%prompt"
                                                + " with --template NAME"));
    }
}
