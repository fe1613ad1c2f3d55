/**
 * The Jupyter side of the kernel: ZeroMQ channels that send with jjava-jupyter's framing and
 * signing and read with the kernel's own (whole multipart messages, malformed ones dropped whole,
 * HMAC checked, replayed signatures refused, as ipykernel does), the request handlers (execute,
 * complete, inspect, history, interrupt, ...), output routing from {@code System.out}/{@code
 * System.err} and the display API to IOPub, stdin requests, and the persistent history. It drives
 * evaluation only through {@link dev.tunebook.kernel.jshell.CellSession}.
 */
package dev.tunebook.kernel.jupyter;
