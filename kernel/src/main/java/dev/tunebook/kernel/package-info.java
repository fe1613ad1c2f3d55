/**
 * The public surface of the tunebook kernel: the display API that every cell sees, the magic and
 * renderer interfaces, and the extension SPI through which other modules (such as the fine-tuning
 * magics) plug in. Implementation lives in the sub-packages {@code jupyter}, {@code jshell}, {@code
 * notebook} and {@code magic}.
 */
package dev.tunebook.kernel;
