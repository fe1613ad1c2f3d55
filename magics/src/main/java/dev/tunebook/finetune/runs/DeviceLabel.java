package dev.tunebook.finetune.runs;

import ai.djl.Device;

/** The device name a run records: {@code cpu} or {@code cuda:N}, the same for every kind of run. */
public final class DeviceLabel {
    private DeviceLabel() {}

    /** Returns {@code cpu} or {@code cuda:N} for {@code device}. */
    public static String of(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
    }
}
