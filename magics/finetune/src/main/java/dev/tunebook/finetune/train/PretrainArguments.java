package dev.tunebook.finetune.train;

import dev.tunebook.finetune.data.DocumentTemplate;
import dev.tunebook.finetune.model.LlamaShape;
import dev.tunebook.finetune.weights.ModelConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code tunebook pretrain}, parsed once into typed values. Every option takes a
 * value ({@code --name value} or {@code --name=value}); {@code --data}, {@code --out}, {@code
 * --checkpoints} and {@code --steps} are required.
 *
 * @param data the folder with {@code train.jsonl} and {@code val.jsonl}
 * @param out the model folder to write
 * @param checkpoints the checkpoint folder (the tokenizer is kept in its {@code tokenizer/})
 * @param name the model's name in its card
 * @param template how a record becomes a document
 * @param samples how many validation documents' first lines are continued for the card
 * @param settings the pretraining settings
 */
record PretrainArguments(
        Path data,
        Path out,
        Path checkpoints,
        String name,
        DocumentTemplate template,
        int samples,
        PretrainingSettings settings) {
    static final String USAGE =
            """
            usage: tunebook pretrain --data DIR --out DIR --checkpoints DIR --steps N [options]
              --data DIR          train.jsonl and val.jsonl (e.g. notebooks/data/debian-packages)
              --out DIR           the Hugging Face model folder written at the end
              --checkpoints DIR   checkpoints and the tokenizer; running again resumes from them
              --steps N           optimizer steps
              --name NAME         the model's name in its card (default: the --out folder's name)
              --template TEXT     a record as a document (default '{package} - {synopsis}\\n{description}')
              --vocab 8192 --hidden 256 --layers 8 --heads 4 --kv-heads 2 --intermediate 688
              --context 512       the model's shape (context = max_position_embeddings)
              --seq N             tokens per packed row (default: the context)
              --batch 16 --lr 1e-3 --warmup N (default steps/20) --weight-decay 0.1 --clip 1.0
              --seed 42 --log-every 10 --eval-every 200 --eval-rows 64 --checkpoint-every 100
              --samples 4         validation prompts continued greedily for the model card
              --init DIR          start from this model folder's weights and tokenizer (continued
                                  pretraining; its shape is the run's, so no shape options)
              --repeat 0          fraction of rows whose second half repeats their first half
                                  (teaches copying from the context, as retrieval needs)
            """;

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("template", "{package} - {synopsis}\\n{description}");
        d.put("vocab", "8192");
        d.put("hidden", "256");
        d.put("layers", "8");
        d.put("heads", "4");
        d.put("kv-heads", "2");
        d.put("intermediate", "688");
        d.put("context", "512");
        d.put("seq", "0");
        d.put("batch", "16");
        d.put("lr", "1e-3");
        d.put("warmup", "-1");
        d.put("weight-decay", "0.1");
        d.put("clip", "1.0");
        d.put("seed", "42");
        d.put("log-every", "10");
        d.put("eval-every", "200");
        d.put("eval-rows", "64");
        d.put("checkpoint-every", "100");
        d.put("samples", "4");
        d.put("init", "");
        d.put("repeat", "0");
        return d;
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming an unknown option, a missing value or a bad number
     */
    static PretrainArguments parse(List<String> args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!DEFAULTS.containsKey(key)
                    && !List.of("data", "out", "checkpoints", "steps", "name").contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            if (eq < 0 && i + 1 >= args.size()) {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            given.put(key, eq < 0 ? args.get(++i) : arg.substring(eq + 1));
        }
        Map<String, String> o = new HashMap<>(DEFAULTS);
        o.putAll(given);
        for (String required : List.of("data", "out", "checkpoints", "steps")) {
            if (!o.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        Path out = Path.of(o.get("out"));
        return new PretrainArguments(
                Path.of(o.get("data")),
                out,
                Path.of(o.get("checkpoints")),
                o.getOrDefault("name", String.valueOf(out.toAbsolutePath().getFileName())),
                new DocumentTemplate(o.get("template").replace("\\n", "\n")),
                integer(o, "samples"),
                settings(o, given));
    }

    private static final List<String> SHAPE =
            List.of("vocab", "hidden", "layers", "heads", "kv-heads", "intermediate", "context");

    private static LlamaShape shape(Map<String, String> o, Map<String, String> given) {
        String init = o.get("init");
        if (init.isEmpty()) {
            return new LlamaShape(
                    integer(o, "vocab"),
                    integer(o, "hidden"),
                    integer(o, "layers"),
                    integer(o, "heads"),
                    integer(o, "kv-heads"),
                    integer(o, "intermediate"),
                    integer(o, "context"));
        }
        for (String option : SHAPE) {
            if (given.containsKey(option)) {
                throw new IllegalArgumentException(
                        "--" + option + ": --init takes the shape from " + init + "/config.json");
            }
        }
        Path config = Path.of(init, "config.json");
        try {
            return LlamaShape.of(ModelConfig.read(config), config);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "--init " + init + ": cannot read its config.json (" + e.getMessage() + ")");
        }
    }

    private static PretrainingSettings settings(Map<String, String> o, Map<String, String> given) {
        return PretrainingSettings.builder()
                .setShape(shape(o, given))
                .setSteps(integer(o, "steps"))
                .optSequenceLength(integer(o, "seq"))
                .optBatchSize(integer(o, "batch"))
                .optLearningRate(number(o, "lr"))
                .optWarmupSteps(integer(o, "warmup"))
                .optWeightDecay(number(o, "weight-decay"))
                .optClip(number(o, "clip"))
                .optSeed(integer(o, "seed"))
                .optLogEvery(integer(o, "log-every"))
                .optEvalEvery(integer(o, "eval-every"))
                .optEvalRows(integer(o, "eval-rows"))
                .optCheckpointEvery(integer(o, "checkpoint-every"))
                .optRepeatFraction(number(o, "repeat"))
                .optInit(o.get("init"))
                .build();
    }

    private static int integer(Map<String, String> o, String key) {
        try {
            return Integer.parseInt(o.get(key).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + key + ": '" + o.get(key) + "' is not a whole number");
        }
    }

    private static double number(Map<String, String> o, String key) {
        try {
            return Double.parseDouble(o.get(key).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + key + ": '" + o.get(key) + "' is not a number");
        }
    }
}
