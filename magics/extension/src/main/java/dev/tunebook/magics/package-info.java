/**
 * The magics and renderers over the fine-tuning library: each parses its arguments, calls the
 * {@code dev.tunebook.finetune} API and returns a value that a renderer displays.
 */
package dev.tunebook.magics;
