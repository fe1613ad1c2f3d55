/**
 * The headless notebook runner behind {@code tunebook run}: executes an nbformat 4 notebook's code
 * cells in order with the same {@link dev.tunebook.kernel.jshell.CellSession} the Jupyter kernel
 * uses, and writes the outputs back in nbformat 4.
 */
package dev.tunebook.kernel.notebook;
