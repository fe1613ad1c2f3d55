package dev.tunebook.finetune.source;

import java.io.IOException;
import java.nio.file.Path;

/** A model in a Hugging Face hub repository, downloaded into the hub cache. */
record HubSource(String spec, String repo, String revision, HubDownloader downloader)
        implements ModelSource {
    @Override
    public Path fetch(DownloadProgress progress) throws IOException {
        return downloader.download(repo, revision, progress);
    }
}
