package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.EvaluationRun;
import dev.tunebook.finetune.eval.ModelEvaluator;
import dev.tunebook.finetune.eval.ModelSize;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tuned.FineTunedModel;
import dev.tunebook.kernel.MagicUsageException;
import java.util.List;
import java.util.Objects;

/**
 * {@code %eval RUN} and {@code %eval --model X} for a fine-tuned model: evaluates it on a split of
 * a dataset with the labels it was trained on, and records an {@code eval} run linked to the
 * fine-tune ({@code evaluates}: its id) that says on which dataset it was tested and whether that
 * is another domain than it was trained on ({@code domain_shift}).
 */
final class FineTunedEval {
    private FineTunedEval() {}

    static EvaluationRun evaluate(
            FineTunedModel tuned, Dataset dataset, String split, RunStore store) {
        try {
            tuned.requireLabelsOf(dataset);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        RunRecord trained = tuned.run();
        boolean shift = !Objects.equals(dataset.name(), trained.dataset());
        RunRecordBuilder eval =
                RunRecord.builder(
                                RunKind.EVAL,
                                "eval " + trained.name() + (shift ? " on " + dataset.name() : ""))
                        .optModel(trained.model())
                        .optMethod(trained.method())
                        .optDataset(dataset.name())
                        .optSplit(split)
                        .putHyperparameter("source_run", trained.id())
                        .putExtra("evaluates", trained.id());
        if (trained.dataset() != null) {
            eval.putExtra("trained_on", trained.dataset());
        }
        eval.putExtra("domain_shift", shift);
        EvaluationRun run =
                ModelEvaluator.record(
                        store,
                        eval.build(),
                        tuned,
                        dataset,
                        List.of(split),
                        new KernelCancellation());
        run =
                ModelEvaluator.profile(
                        store,
                        run,
                        tuned,
                        dataset,
                        32,
                        ModelSize.tensorBytes(tuned.model()),
                        tuned.tokenizer(),
                        new KernelCancellation());
        return run;
    }

    /**
     * Checks that {@code dataset} has split {@code split}.
     *
     * @throws MagicUsageException naming the dataset and its splits
     */
    static void requireSplit(Dataset dataset, String split) {
        if (!dataset.splits().names().contains(split)) {
            throw new MagicUsageException(
                    "--split "
                            + split
                            + ": dataset "
                            + dataset.name()
                            + " has no such split; its splits are "
                            + dataset.splits().names()
                            + " (test is the default; pick one with --split NAME)");
        }
    }
}
