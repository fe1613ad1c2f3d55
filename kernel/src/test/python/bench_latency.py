"""Benchmark (not a test): kernel start-to-ready and `1+1` execute round trip.

Usage: JUPYTER_PATH=... /usr/bin/python3 bench_latency.py [KERNEL ...] [--starts N] [--runs N]
                                                          [--settle SECONDS]
Default kernels: tunebook and python3 (Debian's ipykernel), measured in the same run.
start: KernelManager.start_kernel() until the first kernel_info_reply (wait_for_ready).
round trip: execute_request sent until both execute_reply and the idle status arrived, for
`1+1` and for an empty cell (which isolates the protocol from JShell's compiler).
settle: seconds the last started kernel is left idle before the round trips, as a user opening a
notebook leaves it (tunebook warms its compiler then); 0 measures straight after start.
--cpu (Linux): also the kernel process's CPU time per counted cell, by thread (the JIT compiler
threads, the cell's thread, ZeroMQ's), read from /proc: on a 2-core machine a cell's wall time
follows the CPU that all threads spend while it runs.
"""
import argparse
import glob
import os
import statistics
import time

from jupyter_client.manager import KernelManager


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def start(name):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return time.perf_counter() - t0, km, kc


def round_trip(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    replied = idle = False
    while not (replied and idle):
        if not replied:
            replied = kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") == msg_id
        if not idle:
            msg = kc.get_iopub_msg(timeout=60)
            idle = (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle")
    return time.perf_counter() - t0


def thread_cpu_ms(pid):
    """CPU milliseconds by thread name (trailing digits dropped) of process pid."""
    tick = os.sysconf("SC_CLK_TCK")
    by_name = {}
    for task in glob.glob("/proc/%d/task/*" % pid):
        try:
            with open(task + "/comm") as f:
                comm = f.read().strip().rstrip("0123456789 #")
            with open(task + "/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended meanwhile
        by_name[comm] = by_name.get(comm, 0.0) + (int(fields[11]) + int(fields[12])) * 1000.0 / tick
    return by_name


def bench(name, starts, runs, codes, settle, cpu=False):
    start_times = []
    for i in range(starts):
        elapsed, km, kc = start(name)
        start_times.append(elapsed)
        if i < starts - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    print("%-22s start-to-ready median %.2f s (min %.2f, max %.2f, n=%d)" % (
        name, statistics.median(start_times), min(start_times), max(start_times), starts),
        flush=True)
    time.sleep(settle)
    for code in codes:
        for _ in range(5):
            round_trip(kc, code)  # warm-up, not counted
        pid = km.provisioner.process.pid if cpu else None
        before = thread_cpu_ms(pid) if pid else {}
        ms = [round_trip(kc, code) * 1000 for _ in range(runs)]
        print("%-22s round trip %-6r median %.1f ms, p90 %.1f ms (n=%d, settled %g s)" % (
            name, code, statistics.median(ms), percentile(ms, 90), runs, settle), flush=True)
        if pid:
            after = thread_cpu_ms(pid)
            spent = {k: (v - before.get(k, 0.0)) / runs for k, v in after.items()}
            top = sorted(spent.items(), key=lambda item: -item[1])[:6]
            print("%-22s   cpu per cell %.1f ms: %s" % (
                name, sum(spent.values()), ", ".join("%s %.1f" % item for item in top)),
                flush=True)
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kernels", nargs="*", default=["tunebook", "python3"])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--settle", type=float, default=0.0,
                        help="seconds to leave the kernel idle after start before timing")
    parser.add_argument("--cpu", action="store_true",
                        help="also print the kernel's CPU time per cell by thread (Linux)")
    parser.add_argument("--code", action="append",
                        help="code to time (default: 1+1, and an empty cell for the protocol alone)")
    args = parser.parse_args()
    for name in args.kernels:
        bench(name, args.starts, args.runs, args.code or ["1+1", ""], args.settle, args.cpu)


if __name__ == "__main__":
    main()
