package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Full fine-tuning trajectories against {@code torch.optim.AdamW}: every case of {@code
 * training/optimizer_trajectories.json} runs its steps on its model's fixed reference batch and
 * must reproduce the learning rate, loss and gradient norm of every step and the final loss.
 */
class OptimizerParityTest {
    private static final double RELATIVE = 1e-4;
    private static final Path FIXTURES =
            Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
    private static final Pattern WARMUP =
            Pattern.compile("(linear|cosine)_warmup\\((\\d+) of (\\d+)\\)");

    @TestFactory
    Stream<DynamicTest> everyTrajectory() throws IOException {
        Path file = FIXTURES.resolve("training/optimizer_trajectories.json");
        assertTrue(Files.isRegularFile(file), "missing fixture " + file.toAbsolutePath());
        JsonNode cases = new ObjectMapper().readTree(file.toFile());
        assertFalse(cases.isEmpty(), file + " has no cases");
        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach(
                c -> tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c))));
        return tests.stream();
    }

    private static void run(JsonNode c) throws IOException {
        Path folder = FIXTURES.resolve("models").resolve(c.get("model").asText());
        int steps = c.get("loss_per_step").size();
        try (LanguageModel model = LanguageModel.load(folder, TestModels.device());
                AdamW adam = optimizer(c)) {
            Batch batch = referenceBatch(folder.resolve("reference.safetensors"));
            TrainingStep step =
                    TrainingStep.builder()
                            .setModel(model)
                            .setOptimizer(adam)
                            .setSchedule(
                                    schedule(c.get("schedule").asText(), c.get("lr").asDouble()))
                            .optMaxGradNorm(c.get("clip_grad_norm").asDouble(0))
                            .build();
            JsonNode norms = c.get("grad_norm_before_clip");
            for (int s = 0; s < steps; s++) {
                StepResult result = step.run(batch);
                String where = c.get("name").asText() + " step " + s;
                assertRelative(
                        c.get("lr_per_step").get(s).asDouble(),
                        result.learningRate(),
                        where + " lr");
                assertRelative(
                        c.get("loss_per_step").get(s).asDouble(), result.loss(), where + " loss");
                if (!norms.isEmpty()) {
                    assertRelative(
                            norms.get(s).asDouble(), result.gradientNorm(), where + " grad norm");
                }
            }
            assertRelative(c.get("loss_after").asDouble(), loss(model, batch), "loss after");
        }
    }

    private static AdamW optimizer(JsonNode c) {
        assertEquals("AdamW", c.get("optimizer").asText());
        return AdamW.builder()
                .optBetas(c.get("betas").get(0).asDouble(), c.get("betas").get(1).asDouble())
                .optEps(c.get("eps").asDouble())
                .optWeightDecay(c.get("weight_decay").asDouble())
                .build();
    }

    /**
     * Reads schedules as the fixture names them: {@code constant}, {@code linear_warmup(2 of 6)}.
     */
    private static LearningRateSchedule schedule(String name, double lr) {
        if (name.equals("constant")) {
            return LearningRateSchedule.constant(lr, 0);
        }
        Matcher m = WARMUP.matcher(name);
        assertTrue(m.matches(), "unknown schedule in fixture: " + name);
        int warmup = Integer.parseInt(m.group(2));
        int total = Integer.parseInt(m.group(3));
        return m.group(1).equals("linear")
                ? LearningRateSchedule.linear(lr, warmup, total)
                : LearningRateSchedule.cosine(lr, warmup, total);
    }

    private static Batch referenceBatch(Path file) throws IOException {
        try (SafetensorsFile reference = SafetensorsFile.open(file)) {
            long[] shape = reference.tensor("input_ids").shape();
            return new Batch(
                    (int) shape[0],
                    (int) shape[1],
                    reference.readLongs("input_ids"),
                    reference.readLongs("attention_mask"),
                    reference.readLongs("labels"),
                    false);
        }
    }

    private static double loss(LanguageModel model, Batch batch) {
        try (NDManager scope = model.manager().newSubManager()) {
            var inputs = batch.toNDList(scope);
            NDArray loss = model.loss(inputs.get(0), inputs.get(1), inputs.get(2));
            loss.attach(scope);
            return loss.getFloat();
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        double tolerance = RELATIVE * Math.max(Math.abs(expected), 1e-8);
        assertEquals(expected, actual, tolerance, what);
    }
}
