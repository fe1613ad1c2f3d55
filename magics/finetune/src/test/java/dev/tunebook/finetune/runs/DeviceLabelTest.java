package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device labels that the cost model can read, from nvidia-smi where there is one. */
class DeviceLabelTest {
    @TempDir Path dir;

    @Test
    void cpuIsCpu() {
        assertEquals("cpu", DeviceLabel.of(Device.cpu()));
    }

    @Test
    void theGpuNameComesFromNvidiaSmi() throws IOException {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(
                smi, "#!/bin/sh\n[ \"$4\" = 1 ] && echo 'NVIDIA H100 80GB HBM3' || exit 6\n");
        smi.toFile().setExecutable(true);
        assertEquals("NVIDIA H100 80GB HBM3", DeviceLabel.gpuName(smi.toString(), 1));
        assertEquals("", DeviceLabel.gpuName(smi.toString(), 0));
        assertEquals("", DeviceLabel.gpuName(dir.resolve("missing").toString(), 0));
    }
}
