package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.CancellationSource;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training equals training on one device: the same losses step by step and the same
 * weights at the end. Without several GPUs the replicas share the CPU ({@code --device cpu,cpu}),
 * which runs every part of the data-parallel path (copies, shards, threads, gradient reduction,
 * weight broadcast) except the copies between devices.
 */
class DataParallelTest {
    private static TrainingData chat;
    private static TrainingData reviews;
    @TempDir Path home;

    @BeforeAll
    static void tokenise(@TempDir Path dir) throws IOException {
        Dataset amazon = TrainerFixtures.amazon();
        Tokenizer tokenizer = TrainerFixtures.wordTokenizer(amazon, dir);
        ChatPrompt prompt = TrainerFixtures.reviewPrompt();
        chat = TrainerFixtures.slice(TrainingData.of(amazon, tokenizer, prompt, 48), 15, 8, 8);
        reviews = TrainerFixtures.slice(TrainingData.of(amazon, tokenizer, null, 32), 21, 8, 8);
    }

    private record Trained(TrainingRun run, Map<String, float[]> weights, String output) {}

    private Trained train(String model, TrainingData data, TrainingMethod method, String device)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LanguageModel m = TrainerFixtures.model(model)) {
            TrainingRun run =
                    Trainer.builder()
                            .setModel(m)
                            .setData(data)
                            .optConfig(
                                    TrainingConfig.builder()
                                            .optMethod(method)
                                            .optLr(5e-3)
                                            .optEpochs(2)
                                            // 5 rows a step: shards of 3 and 2, or 2, 2 and 1
                                            .optBatch(5)
                                            .optAccumulate(2)
                                            .optSchedule(ScheduleKind.LINEAR)
                                            .optSeed(3)
                                            .optDevice(device)
                                            .build())
                            .optRunStore(RunStore.at(home.resolve(device.replace(',', '-'))))
                            .optLiveDisplay(false)
                            .optOutput(new PrintStream(out, true, StandardCharsets.UTF_8))
                            .build()
                            .run();
            Map<String, float[]> weights = new java.util.TreeMap<>();
            for (Map.Entry<String, NDArray> e : m.weights().entrySet()) {
                weights.put(e.getKey(), e.getValue().toFloatArray());
            }
            return new Trained(run, weights, out.toString(StandardCharsets.UTF_8));
        }
    }

    private void assertSameTraining(String model, TrainingData data, TrainingMethod method)
            throws IOException {
        Trained one = train(model, data, method, "cpu");
        for (String devices : List.of("cpu,cpu", "cpu,cpu,cpu")) {
            Trained many = train(model, data, method, devices);
            assertEquals(RunStatus.COMPLETED, many.run().status(), many.run().message());
            assertTrue(
                    many.output().contains("data parallel on " + devices.split(",").length),
                    many.output());
            double[] expected = one.run().losses();
            double[] actual = many.run().losses();
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(
                        expected[i],
                        actual[i],
                        1e-5 * Math.abs(expected[i]),
                        devices + " step " + (i + 1) + ": " + Arrays.toString(actual));
            }
            assertEquals(one.weights().keySet(), many.weights().keySet());
            for (String name : one.weights().keySet()) {
                float[] a = one.weights().get(name);
                float[] b = many.weights().get(name);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-5f + 1e-4f * Math.abs(a[i]), devices + " " + name);
                }
            }
            assertEquals(
                    one.run().metric("val", "loss"),
                    many.run().metric("val", "loss"),
                    1e-5 * Math.abs(one.run().metric("val", "loss")));
            assertTrue(many.run().record().device().startsWith(devices.split(",").length + " × "));
        }
    }

    @Test
    void causalLoraOnTwoAndThreeReplicasEqualsOneDevice() throws IOException {
        // shards hold different numbers of predicted tokens: the token weighting must be exact
        assertSameTraining("tiny-llama", chat, TrainingMethod.LORA);
    }

    @Test
    void fullFineTuningOfAnEncoderClassifierEqualsOneDevice() throws IOException {
        assertSameTraining("tiny-bert", reviews, TrainingMethod.FULL);
    }

    @Test
    void aCancellationStopsADataParallelRunAfterTheStepWithACheckpoint() throws IOException {
        CancellationSource cancellation = new CancellationSource();
        try (LanguageModel m = TrainerFixtures.model("tiny-llama")) {
            TrainingRun run =
                    Trainer.builder()
                            .setModel(m)
                            .setData(chat)
                            .optConfig(
                                    TrainingConfig.builder()
                                            .optMethod(TrainingMethod.LORA)
                                            .optEpochs(3)
                                            .optBatch(5)
                                            .optDevice("cpu,cpu")
                                            .build())
                            .optRunStore(RunStore.at(home))
                            .optLiveDisplay(false)
                            .optOutput(new PrintStream(new ByteArrayOutputStream()))
                            .optCancellation(cancellation)
                            .optListener(
                                    r -> {
                                        if (r.step() == 1) {
                                            // what the kernel does: the token, then the thread
                                            cancellation.cancel();
                                            Thread.currentThread().interrupt();
                                        }
                                    })
                            .build()
                            .run();
            assertTrue(Thread.interrupted(), "the interrupt status is the kernel's to clear");
            assertEquals(RunStatus.INTERRUPTED, run.status(), run.message());
            assertEquals(2, run.losses().length);
            assertTrue(new Checkpoints(run.checkpoints()).latest().isPresent());
        }
    }

    @Test
    void aHeadOnlyRunSaysItTrainsOnOneDevice() throws IOException {
        Trained head = train("tiny-bert", reviews, TrainingMethod.HEAD, "cpu,cpu");
        assertEquals(RunStatus.COMPLETED, head.run().status(), head.run().message());
        assertTrue(head.output().contains("it runs on cpu() alone"), head.output());
    }

    @Test
    void shardsAreContiguousAndNeverEmpty() {
        int[] rows = {9, 4, 7, 1, 3};
        List<int[]> three = DataParallel.shards(rows, 3);
        assertEquals(3, three.size());
        assertArrayEquals(new int[] {9}, three.get(0));
        assertArrayEquals(new int[] {4, 7}, three.get(1));
        assertArrayEquals(new int[] {1, 3}, three.get(2));
        assertEquals(2, DataParallel.shards(new int[] {5, 6}, 4).size());
    }

    @Test
    void devicesAreListsOfCpuAndGpus() {
        assertEquals(List.of(Device.cpu(), Device.cpu()), Trainer.resolveDevices("cpu, cpu"));
        assertEquals(List.of(Device.cpu()), Trainer.resolveDevices("auto"));
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> Trainer.resolveDevices("gpu:3"));
        assertTrue(missing.getMessage().contains("gpu:3 asked for, but DJL sees no GPU"));
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingConfig.builder().optDevice("tpu"));
        assertTrue(bad.getMessage().contains("expected auto, cpu, gpu, gpu:N"), bad.getMessage());
    }
}
