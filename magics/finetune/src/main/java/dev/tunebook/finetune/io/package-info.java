/**
 * File plumbing the other packages share: {@link dev.tunebook.finetune.io.AtomicFile} (whole-file
 * replacement that an interrupt cannot cut short) and {@link
 * dev.tunebook.finetune.io.Uninterruptibles}.
 */
package dev.tunebook.finetune.io;
