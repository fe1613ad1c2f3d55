package dev.tunebook.magics;

import dev.tunebook.kernel.ExtensionContext;
import dev.tunebook.kernel.KernelExtension;
import dev.tunebook.kernel.MagicSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The fine-tuning extension: registers the magics over {@code dev.tunebook.finetune} ({@code
 * %model}, {@code %tokenize}, {@code %dataset}, {@code %%prompt}, {@code %%finetune}, {@code
 * %runs}, {@code %plot}, {@code %compare}, {@code %cost}), the renderers of the library's result
 * types, and imports the library's packages into every cell so that everything a magic does can be
 * done from Java. Loaded by the kernel through {@link java.util.ServiceLoader}.
 */
public final class TunebookMagics implements KernelExtension {
    /**
     * The packages imported into every cell. Their public type names clash with none of the
     * kernel's default imports ({@code java.util.*}, {@code java.io.*}, ...) nor with each other;
     * {@code StartupImportsTest} checks that.
     */
    public static final List<String> IMPORTS =
            List.of(
                    "dev.tunebook.finetune.model.*",
                    "dev.tunebook.finetune.weights.*",
                    "dev.tunebook.finetune.source.*",
                    "dev.tunebook.finetune.generate.*",
                    "dev.tunebook.finetune.nn.*",
                    "dev.tunebook.finetune.tokenize.*",
                    "dev.tunebook.finetune.prompt.*",
                    "dev.tunebook.finetune.data.*",
                    "dev.tunebook.finetune.train.*",
                    "dev.tunebook.finetune.eval.*",
                    "dev.tunebook.finetune.runs.*",
                    "dev.tunebook.finetune.save.*",
                    "dev.tunebook.finetune.cost.*",
                    "dev.tunebook.finetune.tuned.*",
                    "dev.tunebook.finetune.retrieval.*",
                    "dev.tunebook.finetune.view.*");

    @Override
    public void register(ExtensionContext context) {
        magics().stream().map(VariableArguments::wrap).forEach(context::addMagic);
        LibraryRenderers.register(context);
        IMPORTS.forEach(context::addStartupImport);
    }

    /** Returns every magic this extension registers. */
    public static List<MagicSpec> magics() {
        List<MagicSpec> magics = new ArrayList<>();
        magics.add(ModelMagic.spec());
        magics.add(TokenizeMagic.spec());
        magics.add(DatasetMagic.spec());
        magics.add(PromptMagic.spec(new NotebookVariables()));
        magics.add(FinetuneMagic.spec());
        magics.add(SaveMagic.spec());
        magics.add(RerunMagic.spec());
        magics.add(BaselineMagic.spec());
        magics.add(EvalMagic.spec());
        magics.add(PredictMagic.spec());
        magics.add(GenerateMagic.spec());
        magics.addAll(RunMagics.specs());
        magics.add(CostMagic.spec());
        magics.add(IndexMagic.spec());
        magics.add(RetrieveMagic.spec());
        return magics;
    }
}
