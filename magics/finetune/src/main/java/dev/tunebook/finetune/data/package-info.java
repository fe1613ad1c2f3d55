/**
 * Datasets for fine-tuning: loading JSONL, JSON, CSV and TSV files into a Tablesaw table, task
 * kinds (classification, instruction, chat, completion), splits by fraction or by split file,
 * bad-row reports with line numbers, summaries and charts for display, and collation of token ids
 * into padded or packed batches with a checkpointable data order.
 */
package dev.tunebook.finetune.data;
