package dev.tunebook.finetune.train;

import ai.djl.Device;
import dev.tunebook.finetune.model.LanguageModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Sets up data-parallel training: copies of the model on the other devices, and their tasks. */
final class ReplicaModels {
    private ReplicaModels() {}

    /**
     * Returns copies of {@code model} on the devices {@code config} asks for beside the model's
     * own, made before the method changes the model (LoRA layers, frozen parameters); none when one
     * device is asked for, the model is not on one of them, or the method is head. Says on {@code
     * out} why a run asked for several devices trains on one.
     */
    static List<LanguageModel> create(LanguageModel model, TrainingConfig config, PrintStream out) {
        List<Device> devices = Trainer.resolveDevices(config.device());
        Device home = model.manager().getDevice();
        if (devices.size() < 2 || !devices.contains(home)) {
            return List.of();
        }
        if (config.method() == TrainingMethod.HEAD) {
            out.println(
                    "device: method head trains a linear head on cached embeddings; it runs on "
                            + home
                            + " alone");
            return List.of();
        }
        List<Device> others = new ArrayList<>(devices);
        others.remove(home);
        List<LanguageModel> copies = new ArrayList<>();
        try {
            for (Device device : others) {
                copies.add(model.replicate(device));
            }
        } catch (IllegalStateException e) {
            copies.forEach(LanguageModel::close);
            out.println("device: training on " + home + " alone: " + e.getMessage());
            return List.of();
        }
        return copies;
    }

    /** Returns data-parallel training of {@code main} with a task on each of {@code copies}. */
    static DataParallel parallel(
            TrainingTask main,
            List<LanguageModel> copies,
            TrainingInputs inputs,
            TrainingConfig config,
            Seed seed) {
        List<TrainingTask> replicas = new ArrayList<>();
        for (LanguageModel copy : copies) {
            replicas.add(
                    TrainingTasks.create(
                            copy,
                            inputs.data(),
                            config,
                            seed,
                            inputs.padId(),
                            inputs.modelSource()));
        }
        return new DataParallel(main, replicas, copies);
    }
}
