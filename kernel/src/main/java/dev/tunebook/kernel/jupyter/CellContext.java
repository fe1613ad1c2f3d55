package dev.tunebook.kernel.jupyter;

import org.dflib.jjava.jupyter.messages.Message;

/**
 * The execute request being served: outputs are published with it as their parent, nothing is
 * published when it is {@code silent}, and input may be requested only when the frontend allowed
 * it.
 */
record CellContext(Message<?> request, boolean silent, boolean allowStdin) {}
