package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.train.BatchSettings;
import dev.tunebook.finetune.train.ScheduleKind;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@code %%finetune}'s option text, parsed in the magics into {@link TrainingConfig} calls. */
class TrainingConfigOptionsTest {
    /** Written by the option parser that lived in the library, before it moved here. */
    private static final Path GOLDEN =
            Path.of(
                    "../finetune/src/test/resources/dev/tunebook/finetune/train/"
                            + "training-config-golden.json");

    private static TrainingConfig parse(String args, String body) {
        return TrainingConfigOptions.config(TrainingOptionText.parse(args, body));
    }

    @Test
    void everyOptionParsesAsTheLibraryParsedIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode cases = json.readTree(GOLDEN.toFile());
        assertEquals(4, cases.size());
        for (JsonNode c : cases) {
            TrainingConfig config = parse(c.get("args").asText(), c.get("body").asText());
            assertEquals(
                    json.convertValue(c.get("config"), new TypeReference<Map<String, String>>() {}),
                    config.toOptions(),
                    c.get("case").asText());
        }
    }

    @Test
    void argsAndBodyLinesAreParsedAndArgsWin() {
        TrainingConfig config =
                parse(
                        "--method lora --lr 5e-4 --targets query,value --max-length=64",
                        "# LoRA run\nepochs: 4\nbatch_size: 8\nbatch: 16\nwarmup: 0.1\nlr: 1e-3\n"
                                + "name: \"lora r8\"\nfreezeLayers: 2\nlearningRate: 1\n");
        assertEquals(TrainingMethod.LORA, config.method());
        assertEquals(5e-4, config.optimizer().lr());
        assertEquals(List.of("query", "value"), config.lora().targetModules());
        assertEquals(new BatchSettings(16, 1, 64), config.batching());
        assertEquals(4, config.epochs());
        assertEquals(0.1, config.optimizer().warmup());
        assertEquals("lora r8", config.name());
        assertEquals(2, config.freezeLayers());
        assertEquals(0.01, config.optimizer().weightDecay());
        assertEquals(ScheduleKind.LINEAR, config.optimizer().schedule());
    }

    @Test
    void theOptionNamesAreTheOnesTheLibraryStores() {
        TrainingConfig named = TrainingConfig.builder().optName("n").optResume("r").build();
        assertEquals(List.copyOf(named.toOptions().keySet()), TrainingConfigOptions.NAMES);
    }

    @Test
    void badValuesNameTheOptionAndWhatItAllows() {
        assertMessage("lr: 'fast' is not a number", "--lr fast");
        assertMessage("epochs: '1.5' is not an integer", "--epochs 1.5");
        assertMessage("seed: 'x' is not an integer", "--seed x");
        assertMessage("lr: must be a positive number, was -1.0", "--lr -1");
        assertMessage("batch: must be > 0, was 0", "--batch 0");
        assertMessage("alpha: must be > 0, was 0.0", "--alpha 0");
        assertMessage("eval-every: must be >= 0, was -1", "--eval-every -1");
        assertMessage("weight-decay: must be >= 0, was -1.0", "--weight_decay -1");
        assertMessage("method: unknown method 'big': expected full, lora or head", "--method big");
        assertMessage(
                "schedule: unknown schedule 'step': expected constant, linear or cosine",
                "--schedule step");
        assertMessage("warmup: must be a fraction in [0, 1], was 2.0", "--warmup 2");
        assertMessage("dropout: must be in [0, 1), was 1.0", "--dropout 1");
        assertMessage("targets: empty module name in [q, , v]", "--targets q,,v");
        assertMessage(
                "device: unknown device 'tpu': expected auto, cpu, gpu, gpu:N or a comma list of"
                        + " them",
                "--device tpu");
        assertMessage("name: must not be blank", "--name ''");
        assertMessage(
                "colour: unknown option; expected one of method, epochs, lr, batch, accumulate,"
                        + " max-length, rank, alpha, dropout, targets, schedule, warmup, clip,"
                        + " eval-every, early-stop, seed, device, freeze-layers, weight-decay,"
                        + " name, resume",
                "--colour red");
    }

    @Test
    void badTextNamesTheLineOrTheWord() {
        assertText(
                "line 2: expected 'key: value', got 'not an option'",
                null,
                "epochs: 2\nnot an option\n");
        assertText("--lr: needs a value", "--lr", null);
        assertText("--lr: needs a value", "--lr --epochs 2", null);
        assertText("unexpected 'lr': options are written --key value", "lr 1", null);
        assertText("unclosed quote \" in '--name \"a'", "--name \"a", null);
    }

    @Test
    void theFinetuneMagicReportsBadOptionsAsUsageErrors() {
        Notebook notebook = new Notebook(Path.of("."));
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new FinetuneMagic().run("--colour red", null, notebook));
        assertEquals(
                "colour: unknown option; expected one of "
                        + String.join(", ", TrainingConfigOptions.NAMES),
                e.getMessage());
    }

    @Test
    void modelPartsAreFoundByType() throws Exception {
        Path fixtures = Path.of(System.getProperty("tunebook.fixtures", "../fixtures"));
        try (LanguageModel model =
                LanguageModel.load(fixtures.resolve("models/tiny-bert"), Device.cpu())) {
            assertSame(model, ModelParts.model(model));
            assertNull(ModelParts.tokenizer(model));
        }
        assertNull(ModelParts.model("bert"));
        assertNull(ModelParts.tokenizer(42));
    }

    private static void assertMessage(String message, String args) {
        assertThrown(message, () -> parse(args, null));
    }

    private static void assertText(String message, String args, String body) {
        assertThrown(message, () -> TrainingOptionText.parse(args, body));
    }

    private static void assertThrown(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
