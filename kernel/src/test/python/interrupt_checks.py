"""Interrupts and fatal cells through jupyter_client, for one kernelspec.

Usage: JUPYTER_PATH=... /usr/bin/python3 interrupt_checks.py KERNEL_NAME
km.interrupt_kernel() uses the kernelspec's interrupt_mode (SIGINT or interrupt_request).
The kernel must stop a busy loop, a sleep and a blocking read, keep its state, and survive
System.exit, stack overflow and heap exhaustion. Interrupt latencies are printed, not asserted.
"""
import signal
import sys
import time
import traceback

from tunebook_client import TIMEOUT, Kernel


def interrupt_while_running(k, code):
    """Interrupts code once it printed that it runs (one block: compilation is over)."""
    msg_id = k.kc.execute('{ System.out.println("running"); ' + code + " }")
    while True:
        msg = k.kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            break
    start = time.monotonic()
    k.km.interrupt_kernel()
    reply = k.reply(msg_id)["content"]
    elapsed = time.monotonic() - start
    k.outputs(msg_id)
    assert reply["status"] == "error", reply
    print("     interrupted %-40r in %.2f s (%s)" % (code, elapsed, reply["ename"]))


def check_interrupts(k):
    k.execute("int counter = 0;")
    interrupt_while_running(k, "while (true) { counter++; }")
    assert k.value("1 + 1") == "2"
    assert k.value("counter > 0") == "true"
    interrupt_while_running(k, "while (true) {}")
    interrupt_while_running(k, "Thread.sleep(600_000);")
    interrupt_while_running(k, "new java.util.concurrent.CountDownLatch(1).await();")
    assert k.value("1 + 1") == "2"


def check_fatal_cells(k):
    reply, _ = k.execute("System.exit(1);")
    assert reply["status"] == "error", reply
    assert k.value("1 + 1") == "2"
    assert k.km.is_alive()
    k.execute("int down(int n) { return down(n + 1) + 1; }")
    reply, _ = k.execute("down(0)")
    assert reply["status"] == "error" and "StackOverflow" in reply["ename"], reply
    # Filling the heap starves every thread of the kernel, not only the cell's; three times over,
    # the sockets, the output stream and the state must all survive.
    for _ in range(3):
        reply, _ = k.execute(
            "{ var hog = new java.util.ArrayList<long[]>();"
            " while (true) hog.add(new long[1_000_000]); }")
        assert reply["status"] == "error" and "OutOfMemory" in reply["ename"], reply
        print("     heap exhausted: %s" % reply["evalue"][:60])
        _, outs = k.execute('System.out.println("alive " + (counter > 0));')
        assert k.stdout(outs) == "alive true\n", outs
    assert k.value("1 + 1") == "2"


def main(name):
    failures = 0
    k = Kernel(name)
    try:
        for fn in (check_interrupts, check_fatal_cells):
            try:
                fn(k)
                print("ok   %s %s" % (name, fn.__name__))
            except Exception:
                failures += 1
                print("FAIL %s %s\n%s" % (name, fn.__name__, traceback.format_exc()))
    finally:
        k.close()
    return failures


if __name__ == "__main__":
    # Kernels inherit an ignored SIGINT (when this runs from a background job), and a JVM cannot
    # catch an inherited ignore; a Python handler is reset to the default in children.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    total = sum(main(name) for name in sys.argv[1:])
    print("%d checks failed" % total)
    sys.exit(1 if total else 0)
