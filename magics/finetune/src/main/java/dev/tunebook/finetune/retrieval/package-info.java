/**
 * Retrieval over embeddings: a {@link dev.tunebook.finetune.retrieval.Retriever} embeds passages
 * with a sentence encoder into an in-memory {@link dev.tunebook.finetune.retrieval.EmbeddingIndex}
 * (built in batches with progress and cancellation, saved to one file that names its encoder),
 * answers the top k passages by cosine, measures recall@k and MRR on (query, relevant passage id)
 * pairs ({@link dev.tunebook.finetune.retrieval.RetrievalEvaluator}), and fills a prompt's {@code
 * {context}} for every row ({@link dev.tunebook.finetune.retrieval.RetrievedContext}), so
 * retrieval-augmented generation is a prompt like any other.
 */
package dev.tunebook.finetune.retrieval;
