/**
 * Installs tunebook as a Jupyter kernel: writes a kernelspec directory (kernel.json and logos) into
 * the user's, the Python environment's, or a given prefix's Jupyter data directory.
 */
package dev.tunebook.kernel.install;
