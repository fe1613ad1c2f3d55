"""Every route a cell has to Runtime.exit, Runtime.halt and System.exit, for one kernelspec.

Usage: JUPYTER_PATH=... /usr/bin/python3 exit_checks.py KERNEL_NAME [CHECK...]
Each route must end the cell with the same message a direct System.exit gets ("System.exit(N)
was called; the kernel keeps running"), and the next cell must still see an earlier variable:
reflection, method handles, Runtime.getRuntime().exit, JDK code that reflects for the cell
(java.beans), a class compiled and loaded by the cell (not instrumented), threads and executors
the cell starts. Routes in threads are checked on what the thread printed or its handler saw.
"""
import sys
import traceback

from tunebook_client import Kernel

MH = "java.lang.invoke.MethodHandles"
MT = "java.lang.invoke.MethodType.methodType(void.class, int.class)"

CELL_ROUTES = [
    ("direct System.exit", "System.exit(2);", "System.exit(2)"),
    ("Runtime.getRuntime().exit", "Runtime.getRuntime().exit(3);", "Runtime.exit(3)"),
    ("reflective Runtime.exit",
     'Runtime.class.getMethod("exit", int.class).invoke(Runtime.getRuntime(), 4);',
     "Runtime.exit(4)"),
    ("reflective System.exit",
     'System.class.getMethod("exit", int.class).invoke(null, 5);', "System.exit(5)"),
    ("reflective Runtime.halt",
     'Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 6);',
     "Runtime.halt(6)"),
    ("method handle System.exit (findStatic)",
     '%s.lookup().findStatic(System.class, "exit", %s).invoke(7);' % (MH, MT),
     "System.exit(7)"),
    ("method handle Runtime.halt (findVirtual)",
     '%s.publicLookup().findVirtual(Runtime.class, "halt", %s).invoke(Runtime.getRuntime(), 8);'
     % (MH, MT), "Runtime.halt(8)"),
    ("method handle Runtime.exit (unreflect)",
     '%s.lookup().unreflect(Runtime.class.getMethod("exit", int.class))'
     '.bindTo(Runtime.getRuntime()).invokeWithArguments(9);' % MH, "Runtime.exit(9)"),
    ("method reference System::exit",
     "java.util.function.IntConsumer quit = System::exit; quit.accept(10);", "System.exit(10)"),
    ("JDK reflection (java.beans.Statement)",
     'new java.beans.Statement(Runtime.getRuntime(), "exit", new Object[] {11}).execute();',
     "Runtime.exit(11)"),
    ("a library class loaded by the cell (not instrumented)",
     "java.nio.file.Path lib = java.nio.file.Files.createTempDirectory(\"lib\");"
     " java.nio.file.Files.writeString(lib.resolve(\"Quit.java\"), \"public class Quit"
     " implements Runnable { public void run() { System.exit(12); } }\");"
     " javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,"
     " lib.resolve(\"Quit.java\").toString());"
     " ((Runnable) new java.net.URLClassLoader(new java.net.URL[] {lib.toUri().toURL()})"
     ".loadClass(\"Quit\").getDeclaredConstructor().newInstance()).run();",
     "System.exit(12)"),
]

THREAD_ROUTES = [
    ("System.exit in a thread the cell starts", "System.exit(20);", "System.exit(20)"),
    ("reflective Runtime.halt in a thread the cell starts",
     'Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 21);',
     "Runtime.halt(21)"),
    ("method handle System.exit in an executor's thread",
     '%s.lookup().findStatic(System.class, "exit", %s).invoke(22);' % (MH, MT),
     "System.exit(22)"),
]


def message(call):
    return "%s was called; the kernel keeps running" % call


def cell_route(k, code, call):
    reply, _ = k.execute(code)
    assert reply["status"] == "error", reply
    assert reply["ename"] == "dev.tunebook.kernel.jshell.SystemExitError", reply
    assert reply["evalue"] == message(call), reply
    return reply["evalue"]


def stderr(outs):
    return "".join(c["text"] for t, c in outs if t == "stream" and c["name"] == "stderr")


def thread_route(k, body, call, pool):
    run = "try { %s } catch (Throwable e) { e.printStackTrace(); }" % body
    if pool:
        code = ("java.util.concurrent.ExecutorService pool ="
                " java.util.concurrent.Executors.newSingleThreadExecutor();"
                " pool.submit(() -> { %s }).get(); pool.shutdown();" % run)
    else:
        code = "Thread started = new Thread(() -> { %s }); started.start(); started.join();" % run
    reply, outs = k.execute(code)
    assert reply["status"] == "ok", reply
    printed = stderr(outs)
    assert message(call) in printed, outs
    return [line for line in printed.splitlines() if "SystemExitError" in line][0].strip()


def uncaught_in_thread(k):
    """A JDK proxy over a method handle, in a thread; the thread's handler records what ended it."""
    reply, _ = k.execute(
        "java.util.function.IntConsumer quit = java.lang.invoke.MethodHandleProxies"
        ".asInterfaceInstance(java.util.function.IntConsumer.class,"
        ' %s.lookup().findStatic(System.class, "exit", %s));'
        " Throwable[] uncaught = new Throwable[1];"
        " Thread loose = new Thread(() -> quit.accept(23));" % (MH, MT) +
        " loose.setUncaughtExceptionHandler((t, e) -> uncaught[0] = e);"
        " loose.start(); loose.join();")
    assert reply["status"] == "ok", reply
    shown = k.value("String.valueOf(uncaught[0])")
    assert shown == "dev.tunebook.kernel.jshell.SystemExitError: " + message("System.exit(23)"), shown
    return shown


def checks():
    for label, code, call in CELL_ROUTES:
        yield label, lambda k, code=code, call=call: cell_route(k, code, call)
    for label, body, call in THREAD_ROUTES:
        yield label, lambda k, b=body, c=call, p="executor" in label: thread_route(k, b, c, p)
    yield "uncaught proxied System.exit in a thread the cell starts", uncaught_in_thread


def start(name):
    k = Kernel(name)
    k.execute('String kept = "still here";')
    return k


def main(name, wanted):
    failures = 0
    k = start(name)
    try:
        for label, fn in checks():
            if wanted and not any(w in label for w in wanted):
                continue
            try:
                shown = fn(k)
                assert k.value("kept") == "still here", "the kernel lost its state"
                print("ok   %s %-55s -> %s" % (name, label, shown))
            except Exception:
                failures += 1
                alive = k.km.is_alive()
                print("FAIL %s %s (kernel %s)\n%s" % (
                    name, label, "alive" if alive else "DEAD", traceback.format_exc()))
                if not alive:
                    k.kc.stop_channels()
                    k = start(name)
    finally:
        k.close()
    return failures


if __name__ == "__main__":
    total = main(sys.argv[1], sys.argv[2:])
    print("%d checks failed" % total)
    sys.exit(1 if total else 0)
