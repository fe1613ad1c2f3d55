/**
 * The Jupyter side of the kernel: ZeroMQ channels on jjava-jupyter's framing and signing, the
 * request handlers (execute, complete, inspect, history, interrupt, ...), output routing from
 * {@code System.out}/{@code System.err} and the display API to IOPub, stdin requests, and the
 * persistent history. It drives evaluation only through {@link
 * dev.tunebook.kernel.jshell.CellSession}.
 */
package dev.tunebook.kernel.jupyter;
