package dev.tunebook.finetune.source;

import java.net.URI;

/** Turns the hub's HTTP statuses into errors that say what to do. */
final class HubErrors {
    private HubErrors() {}

    static ModelSourceException forStatus(int status, URI url, URI endpoint) {
        if (status == 401 || status == 403) {
            return new ModelSourceException(
                    url
                            + ": access denied (HTTP "
                            + status
                            + "); the model may be gated or private:"
                            + " accept its terms on "
                            + endpoint
                            + " and set HF_TOKEN");
        }
        if (status == 429) {
            return new ModelSourceException(
                    url
                            + ": rate limited by "
                            + endpoint
                            + " (HTTP 429); wait and retry, or set HF_TOKEN");
        }
        return new ModelSourceException(url + ": HTTP " + status + " from " + endpoint);
    }
}
