package dev.tunebook.finetune.retrieval;

/**
 * One passage a query retrieved.
 *
 * @param rank 1 for the best match
 * @param id the passage's id (a package name, or its row number when the index has no ids)
 * @param passage the passage's text
 * @param score the cosine similarity of query and passage, in [-1, 1]
 */
public record RetrievedPassage(int rank, String id, String passage, double score) {}
