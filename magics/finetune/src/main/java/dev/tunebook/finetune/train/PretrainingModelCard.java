package dev.tunebook.finetune.train;

import dev.tunebook.finetune.model.LlamaShape;
import java.util.Locale;
import java.util.Map;

/**
 * The model card ({@code README.md}) of a pretrained model: what it is, the data, how it was
 * trained (settings, tokens, steps, wall time, machine, the command), its validation perplexity,
 * greedy samples, limitations and licence, with Hugging Face's metadata header.
 *
 * @param name the model's name
 * @param settings the run's settings
 * @param run the completed run
 * @param data where the text came from and how documents were formed (Markdown)
 * @param machine the machine that trained it
 * @param command the command that trains it (and resumes it)
 * @param earlier the training sections of the card of the model it started from (Markdown), or ""
 *     when it started from random weights
 */
public record PretrainingModelCard(
        String name,
        PretrainingSettings settings,
        PretrainingRun run,
        String data,
        String machine,
        String command,
        String earlier) {

    /** Returns the card as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("---\nlicense: apache-2.0\nlanguage: en\nlibrary_name: transformers\n")
                .append("pipeline_tag: text-generation\ntags: [llama, tunebook, from-scratch]\n")
                .append("---\n\n# ")
                .append(name)
                .append("\n\n")
                .append(
                        f(
                                "A small Llama model (%,d parameters) that tunebook pretrained from"
                                        + " random weights with its own Java code (DJL on PyTorch,"
                                        + " CPU), so that the workshops have a causal language"
                                        + " model offline. It writes Debian-style package"
                                        + " descriptions; it knows little else. It is a base model"
                                        + " with a ChatML template for fine-tuning, not a chat"
                                        + " model.\n\n",
                                run.parameterCount()));
        if (!settings.init().isEmpty()) {
            md.append(
                    f(
                            "Its pretraining ran in stages: this one continued from the weights of"
                                    + " `%s` as they were before it, whose own training is under"
                                    + " *Earlier training*.\n\n",
                            settings.init()));
        }
        model(md);
        md.append("## Training data\n\n").append(data.strip()).append("\n\n");
        training(md);
        evaluation(md);
        if (!earlier.isBlank()) {
            md.append("## Earlier training\n\n").append(earlier.strip()).append("\n\n");
        }
        samples(md);
        md.append("## Limitations\n\n")
                .append(
                        "Trained on a few million tokens of one genre: it continues text in the"
                                + " style of package descriptions, invents facts, and does not"
                                + " follow instructions until fine-tuned. Its context is "
                                + settings.shape().maxPositions()
                                + " tokens.\n\n")
                .append("## Licence\n\n")
                .append(
                        "The weights and tokenizer are released under the Apache License 2.0, as"
                                + " tunebook is. The training text is Debian's package"
                                + " descriptions, each under its package's terms; see the data's"
                                + " README for the attribution.\n");
        return md.toString();
    }

    private void model(StringBuilder md) {
        LlamaShape s = settings.shape();
        md.append("## Model\n\n| field | value |\n| --- | --- |\n")
                .append(row("architecture", "LlamaForCausalLM (RMSNorm, RoPE, SwiGLU, GQA)"))
                .append(
                        row(
                                "parameters",
                                f("%,d (embeddings tied to the head)", run.parameterCount())))
                .append(row("hidden size", s.hiddenSize()))
                .append(row("layers", s.layers()))
                .append(row("attention heads / key-value heads", s.heads() + " / " + s.kvHeads()))
                .append(row("intermediate size", s.intermediateSize()))
                .append(row("context", s.maxPositions() + " tokens"))
                .append(
                        row(
                                "vocabulary",
                                s.vocabSize()
                                        + " byte-level BPE tokens learned by tunebook's"
                                        + " BpeTrainer on the training text"))
                .append(
                        row(
                                "special tokens",
                                "`<|endoftext|>` ends each document, `<|im_start|>` and"
                                        + " `<|im_end|>` frame chat turns (ChatML), `<|pad|>`"))
                .append(row("weights", "BF16 safetensors"))
                .append('\n');
    }

    private void training(StringBuilder md) {
        PretrainingSettings s = settings;
        md.append("## Training\n\n| field | value |\n| --- | --- |\n")
                .append(row("steps", s.steps()))
                .append(
                        row(
                                "batch",
                                f(
                                        "%d rows of %d tokens (%,d tokens a step)",
                                        s.batchSize(), s.sequenceLength(), s.tokensPerStep())))
                .append(row("tokens seen", f("%,d (%.2f epochs)", run.tokensSeen(), run.epochs())))
                .append(
                        row(
                                "optimizer",
                                f(
                                        "AdamW, betas %s/%s, weight decay %s (not on norms),"
                                                + " gradients clipped to norm %s",
                                        s.beta1(), s.beta2(), s.weightDecay(), s.clip())))
                .append(
                        row(
                                "schedule",
                                f(
                                        "peak %s, linear warmup (%d steps), cosine to 0",
                                        s.learningRate(), s.warmupSteps())))
                .append(
                        row(
                                "initialisation",
                                s.init().isEmpty()
                                        ? "normal(0, 0.02), norms 1, seed " + s.seed()
                                        : "the weights of `" + s.init() + "` (Earlier training)"))
                .append(
                        s.repeatFraction() > 0
                                ? row(
                                        "repeated rows",
                                        f(
                                                "%.0f %% of the rows (drawn with the seed) are"
                                                        + " their first half twice, so that"
                                                        + " copying from the context pays",
                                                100 * s.repeatFraction()))
                                : "")
                .append(
                        row(
                                "wall time",
                                f(
                                        "%s (%.0f tokens/s; validations and checkpoints"
                                                + " included)",
                                        PretrainingLoop.duration(run.trainSeconds()),
                                        run.tokensSeen() / Math.max(run.trainSeconds(), 1e-9))))
                .append(row("machine", machine))
                .append("\nThe command (run it again after an interruption: it resumes from the")
                .append(" latest checkpoint):\n\n```bash\n")
                .append(command)
                .append("\n```\n\n");
    }

    private void evaluation(StringBuilder md) {
        Map<String, Double> v = run.validation();
        if (v == null) {
            return;
        }
        md.append("## Evaluation\n\n")
                .append(
                        f(
                                "On the whole validation split (%,.0f predicted tokens), with the"
                                        + " BF16 weights as shipped: loss %.4f nats per token,"
                                        + " perplexity %.2f.\n\n",
                                v.get("tokens"), v.get("loss"), v.get("perplexity")));
        Map<String, Double> c = run.copying();
        if (c != null) {
            md.append(
                    f(
                            "Copying from the context (`CopyProbe`): on %d rows of %d random tokens"
                                    + " shown twice, loss %.2f nats per token on the first showing"
                                    + " and %.2f on the second. A model that copies predicts the"
                                    + " second showing from the first (loss near 0); one that does"
                                    + " not cannot read an answer out of retrieved passages.\n\n",
                            CopyProbe.ROWS, CopyProbe.SPAN, c.get("first"), c.get("second")));
        }
    }

    private void samples(StringBuilder md) {
        if (run.samples().isEmpty()) {
            return;
        }
        md.append("## Samples\n\nGreedy continuations of a package name and synopsis:\n\n");
        for (PretrainingRun.Sample sample : run.samples()) {
            md.append("```text\n")
                    .append(sample.prompt())
                    .append(sample.continuation().replace("```", "` ` `"))
                    .append("\n```\n\n");
        }
    }

    private static String row(String field, Object value) {
        return "| " + field + " | " + value + " |\n";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
