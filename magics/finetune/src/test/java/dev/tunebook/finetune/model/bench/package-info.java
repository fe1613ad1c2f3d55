/**
 * Benchmarks of the model architectures: mains that print numbers, never timed assertions.
 *
 * <p>On a machine whose cores are shared, run them with {@code OMP_WAIT_POLICY=PASSIVE}: PyTorch's
 * OpenMP threads otherwise spin while waiting and lose most of their time to other processes
 * (measured here: 230 vs 1478 tokens/s for MiniLM at load average 17 on 2 cores).
 */
package dev.tunebook.finetune.model.bench;
