/**
 * Integration tests that start real kernels as processes and talk to them with Jupyter's own Python
 * clients (jupyter_client, jupyter_kernel_test, nbclient), on Java 17 and Java 25.
 */
package dev.tunebook.kernel.it;
