package dev.tunebook.finetune.eval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RecordedWork;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Records a {@link GenerationEvaluation} as a run: the decoding settings go into its
 * hyperparameters, the metrics under the split's name, and the first {@value #STORED_ROWS}
 * generations (input, reference, output, ROUGE-L) into its {@code generations} field. The run is
 * started only once the evaluation is built, so bad input records nothing.
 */
public final class GenerationRuns {
    /** Generations kept in the run record (the report holds all). */
    public static final int STORED_ROWS = 100;

    private GenerationRuns() {}

    /**
     * Runs {@code evaluation} on the examples of {@code split} and records it as {@code run}: the
     * run is created as {@code running} and ends {@code completed}, {@code interrupted} (once
     * {@code cancellation} is cancelled; a {@link CancellationException} is thrown) or {@code
     * failed} with the error, which is rethrown.
     *
     * @return the stored run and the report
     */
    public static GenerationRun record(
            RunStore store,
            RunRecord run,
            GenerationEvaluation evaluation,
            String split,
            Cancellation cancellation,
            GenerationProgress progress) {
        RunRecordBuilder filled = run.toBuilder();
        if (run.device() == null) {
            filled.optDevice(DeviceLabel.of(Engine.getInstance().defaultDevice()));
        }
        if (run.split() == null) {
            filled.optSplit(split);
        }
        filled.putHyperparameters(evaluation.settings());
        RecordedWork.Outcome<GenerationReport> outcome;
        try (Cancellation.Scope polling = cancellation.enter()) {
            outcome =
                    RecordedWork.recordRun(
                            store,
                            filled.build(),
                            recorder -> {
                                GenerationReport done = evaluation.evaluate(progress);
                                recorder.metrics(split, done.metrics());
                                recorder.update(
                                        r -> {
                                            RunRecordBuilder b =
                                                    r.toBuilder()
                                                            .putExtra("generations", rows(done));
                                            if (done.inference() != null) {
                                                b.optInference(done.inference());
                                            }
                                            return b.build();
                                        });
                                return done;
                            });
        }
        return new GenerationRun(store.require(outcome.run().id()), outcome.value());
    }

    /**
     * Loads the causal model a fine-tune run saved (the folder its {@code output_dir}, {@code
     * model_path} or {@code checkpoint} names; a LoRA adapter with its base model) onto {@code
     * device}. The caller closes it.
     *
     * @throws IllegalArgumentException if the run names no saved model, or it is not a causal
     *     language model
     */
    public static CausalLanguageModel loadModel(RunRecord run, Device device) throws IOException {
        Path folder = RunClassifiers.modelFolder(run);
        LanguageModel loaded =
                Files.isRegularFile(folder.resolve(LoraModel.CONFIG_FILE))
                        ? LoraModel.loadPretrained(folder, device).model()
                        : LanguageModel.load(folder, device);
        if (loaded instanceof CausalLanguageModel causal) {
            return causal;
        }
        loaded.close();
        throw new IllegalArgumentException(
                "run "
                        + run.id()
                        + " saved a "
                        + loaded.getClass().getSimpleName()
                        + " in "
                        + folder
                        + ", not a causal language model that can generate");
    }

    private static List<Map<String, Object>> rows(GenerationReport report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GenerationOutput o :
                report.outputs().subList(0, Math.min(STORED_ROWS, report.outputs().size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", o.id());
            row.put("input", o.input());
            row.put("reference", o.reference());
            row.put("output", o.output());
            row.put("rougeL", o.rouge().rougeL().fmeasure());
            row.put("output_tokens", o.outputTokens());
            rows.add(row);
        }
        return rows;
    }
}
