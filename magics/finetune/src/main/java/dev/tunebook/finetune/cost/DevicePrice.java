package dev.tunebook.finetune.cost;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The hourly price of one device.
 *
 * @param gpu the device name as used everywhere in tunebook: A100, H100, H200, L4, T4, CPU
 * @param usdPerHour on-demand price in US dollars per hour
 * @param source where the price comes from (a URL, or "user" for overrides)
 * @param date when the price was taken (ISO date or month)
 */
public record DevicePrice(
        @JsonProperty("gpu") String gpu,
        @JsonProperty("usd_per_hour") double usdPerHour,
        @JsonProperty("source") String source,
        @JsonProperty("date") String date) {}
