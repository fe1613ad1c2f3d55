package dev.tunebook.finetune.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Projects compute time between devices by FLOP throughput: a device achieves {@code peak ×
 * utilisation} FLOP/s (see {@code devices.json} beside this class for the figures and their
 * sources), so a run measured at {@code t} seconds on device A takes {@code t × eff(A) / eff(B)} on
 * device B, and {@code F} FLOPs take {@code F / eff(B)} seconds.
 *
 * <p>Instances are immutable.
 */
public final class ThroughputModel {
    private final Map<String, DeviceSpec> specs;

    private ThroughputModel(Map<String, DeviceSpec> specs) {
        this.specs = Map.copyOf(specs);
    }

    /** Returns the model with the built-in device figures. */
    public static ThroughputModel builtIn() {
        try (InputStream in = ThroughputModel.class.getResourceAsStream("devices.json")) {
            Map<String, DeviceSpec> specs = new LinkedHashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (JsonNode d : json.readTree(in).get("devices")) {
                DeviceSpec spec = json.treeToValue(d, DeviceSpec.class);
                specs.put(spec.gpu(), spec);
            }
            return new ThroughputModel(specs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read built-in devices.json", e);
        }
    }

    /** Returns a model where {@code spec} replaces or adds its device. */
    public ThroughputModel with(DeviceSpec spec) {
        Map<String, DeviceSpec> copy = new LinkedHashMap<>(specs);
        copy.put(DeviceNames.canonical(spec.gpu()), spec);
        return new ThroughputModel(copy);
    }

    /**
     * Returns the figures for {@code gpu}.
     *
     * @throws IllegalArgumentException listing the known devices if there are none
     */
    public DeviceSpec spec(String gpu) {
        DeviceSpec s = specs.get(DeviceNames.canonical(gpu));
        if (s == null) {
            throw new IllegalArgumentException(
                    "no throughput figures for device '" + gpu + "'; known: " + specs.keySet());
        }
        return s;
    }

    /** Returns the seconds that {@code flops} take on {@code gpu}. */
    public double seconds(double flops, String gpu) {
        return flops / spec(gpu).effectiveFlopsPerSecond();
    }

    /**
     * Returns the seconds a job measured at {@code seconds} on {@code from} takes on {@code to}.
     */
    public double project(double seconds, String from, String to) {
        return seconds * spec(from).effectiveFlopsPerSecond() / spec(to).effectiveFlopsPerSecond();
    }
}
