package dev.tunebook.finetune.cost;

/**
 * What {@code %cost} was asked: the device to price (and project to), an hourly price that
 * overrides the table, and the inference workload.
 *
 * @param gpu the device to price every run on, or {@code null} for each run's own device
 * @param usdPerHour a price that overrides the table, or {@code null}
 * @param requests inference requests to cost
 * @param tokensPerRequest tokens per request, for the FLOP model and to rescale measured latency
 */
public record CostOptions(String gpu, Double usdPerHour, long requests, long tokensPerRequest) {
    /** The default workload: 1,000 requests of 128 tokens. */
    public static final CostOptions DEFAULT = new CostOptions(null, null, 1_000, 128);

    /** Validates the options. */
    public CostOptions {
        if (requests < 0) {
            throw new IllegalArgumentException("--requests must be >= 0, got " + requests);
        }
        if (tokensPerRequest <= 0) {
            throw new IllegalArgumentException(
                    "--tokens-per-request must be > 0, got " + tokensPerRequest);
        }
        if (usdPerHour != null && !(usdPerHour > 0 && Double.isFinite(usdPerHour))) {
            throw new IllegalArgumentException(
                    "--price must be a positive number, got " + usdPerHour);
        }
        gpu = gpu == null ? null : DeviceNames.canonical(gpu);
    }

    /** Returns a copy pricing every run on {@code gpu}. */
    public CostOptions withGpu(String gpu) {
        return new CostOptions(gpu, usdPerHour, requests, tokensPerRequest);
    }

    /** Returns a copy with the hourly price fixed to {@code usdPerHour}. */
    public CostOptions withPrice(double usdPerHour) {
        return new CostOptions(gpu, usdPerHour, requests, tokensPerRequest);
    }

    /** Returns a copy with another inference workload. */
    public CostOptions withWorkload(long requests, long tokensPerRequest) {
        return new CostOptions(gpu, usdPerHour, requests, tokensPerRequest);
    }
}
