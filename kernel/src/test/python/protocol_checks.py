"""Protocol behaviour beyond jupyter_kernel_test, checked through jupyter_client.

Usage: TUNEBOOK_KERNEL=NAME TUNEBOOK_HISTORY=FILE /usr/bin/python3 protocol_checks.py
Covers: status on every reply, silent, store_history, user_expressions, stop_on_error,
stdin (Input.readLine and System.in), output from other threads, update_display_data,
pager payload, declarations after a classpath change, interrupt_reply, comm_info, bad HMAC
signatures, binding to the connection file's address, history across kernel restarts, and
shutdown with restart.
"""
import os
import shutil
import socket
import sys
import tempfile
import traceback

import zmq
from jupyter_client import localinterfaces
from jupyter_client.session import Session

from tunebook_client import TIMEOUT, Kernel

NAME = os.environ.get("TUNEBOOK_KERNEL", "tunebook")
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


@check
def replies_carry_status(k):
    info = k.reply(k.kc.kernel_info())["content"]
    assert info["status"] == "ok", info
    assert info["implementation"] == "tunebook", info
    lang = info["language_info"]
    assert lang["name"] == "java" and lang["mimetype"] == "text/x-java-source", lang
    assert lang["file_extension"] == ".jshell" and lang["codemirror_mode"] == "java", lang
    comm = k.reply(k.kc.comm_info())["content"]
    assert comm == {"status": "ok", "comms": {}}, comm
    msg = k.kc.session.msg("interrupt_request", {})
    k.kc.control_channel.send(msg)
    interrupt = k.reply(msg["header"]["msg_id"], channel="control")["content"]
    assert interrupt == {"status": "ok"}, interrupt


@check
def silent_publishes_nothing_and_keeps_the_count(k):
    before, _ = k.execute("int silentBase = 41;")
    reply, outs = k.execute('System.out.println("hidden"); silentBase + 1', silent=True)
    assert reply["status"] == "ok", reply
    assert outs == [], outs
    assert reply["execution_count"] == before["execution_count"], (before, reply)
    assert k.value("silentBase") == "41"


@check
def store_history_false_keeps_count_and_history(k):
    before, _ = k.execute("int notStored = 1;")
    reply, outs = k.execute("notStored + 100", store_history=False)
    assert reply["execution_count"] == before["execution_count"], (before, reply)
    assert any(t == "execute_result" for t, _ in outs), outs
    tail = k.reply(k.kc.history(hist_access_type="tail", n=5, raw=True, output=False))
    inputs = [h[2] for h in tail["content"]["history"]]
    assert "notStored + 100" not in inputs, inputs
    assert "int notStored = 1;" in inputs, inputs


@check
def user_expressions_are_evaluated(k):
    reply, _ = k.execute("int u = 20;", user_expressions={"double": "u * 2", "bad": "u +"})
    exprs = reply["user_expressions"]
    assert exprs["double"]["status"] == "ok", exprs
    assert exprs["double"]["data"]["text/plain"] == "40", exprs
    assert exprs["bad"]["status"] == "error", exprs


@check
def declarations_compile_after_the_classpath_changes(k):
    # %classpath starts JShell's compilers afresh, so the expression after it is the first
    # compilation in a new javac context; a declaration must still compile in that context
    # (on Java 25 it failed with "duplicate context value").
    folder = tempfile.mkdtemp(prefix="tunebook-classes-")
    try:
        reply, outs = k.execute("%classpath " + folder)
        assert reply["status"] == "ok", (reply, outs)
        assert k.value("1 + 2") == "3"
        reply, outs = k.execute("int afterClasspath = 7;")
        assert reply["status"] == "ok", (reply, outs)
        assert k.value("afterClasspath * 2") == "14"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@check
def stop_on_error_aborts_queued_requests(k):
    first = k.kc.execute('throw new IllegalStateException("stop here");')
    second = k.kc.execute('System.out.println("must not run");')
    third = k.kc.execute("1 + 1")
    assert k.reply(first)["content"]["status"] == "error"
    assert k.reply(second)["content"]["status"] == "aborted"
    assert k.reply(third)["content"]["status"] == "aborted"
    assert k.value("2 + 2") == "4"
    first = k.kc.execute('throw new IllegalStateException("go on");', stop_on_error=False)
    second = k.kc.execute("3 + 3")
    assert k.reply(first)["content"]["status"] == "error"
    assert k.reply(second)["content"]["status"] == "ok"


def answer_input(k, msg_id, value):
    request = k.kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request", request
    assert request["parent_header"]["msg_id"] == msg_id, request
    k.kc.input(value)
    return request["content"]


@check
def stdin_becomes_input_requests(k):
    msg_id = k.kc.execute('dev.tunebook.kernel.Input.readLine("name? ")', allow_stdin=True)
    assert answer_input(k, msg_id, "tune")["prompt"] == "name? "
    reply = k.reply(msg_id)["content"]
    assert reply["status"] == "ok", reply
    results = [c for t, c in [(m["msg_type"], m["content"]) for m in k.outputs(msg_id)]
               if t == "execute_result"]
    assert "tune" in results[0]["data"]["text/plain"], results
    code = "new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()"
    msg_id = k.kc.execute(code, allow_stdin=True)
    answer_input(k, msg_id, "from System.in")
    assert k.reply(msg_id)["content"]["status"] == "ok"
    k.outputs(msg_id)
    reply, outs = k.execute('dev.tunebook.kernel.Input.readLine("x")', allow_stdin=False)
    assert reply["status"] == "error", reply
    assert "allow_stdin" in reply["evalue"] or "allow_stdin" in str(reply["traceback"]), reply


@check
def output_from_other_threads_reaches_the_cell(k):
    reply, outs = k.execute(
        'Thread t = new Thread(() -> System.out.println("from a thread")); t.start(); t.join();')
    assert reply["status"] == "ok", reply
    assert "from a thread" in k.stdout(outs), outs


@check
def display_updates_keep_their_id(k):
    reply, outs = k.execute('String id = display("first"); updateDisplay(id, "second");')
    assert reply["status"] == "ok", reply
    shown = [c for t, c in outs if t == "display_data"]
    updated = [c for t, c in outs if t == "update_display_data"]
    assert shown and updated, outs
    assert shown[0]["transient"]["display_id"] == updated[0]["transient"]["display_id"], outs
    assert updated[0]["data"]["text/plain"] == "second", updated


@check
def pager_payload(k):
    reply, _ = k.execute("%help lsmagic")
    payload = reply["payload"]
    assert len(payload) == 1 and payload[0]["source"] == "page", payload
    assert payload[0]["start"] == 0 and "text/plain" in payload[0]["data"], payload


@check
def bad_hmac_messages_are_dropped(k):
    info = k.km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.connect("tcp://%s:%d" % (info["ip"], info["shell_port"]))
    try:
        forged = Session(key=b"not-the-key", username="intruder")
        forged.send(sock, "execute_request", {"code": 'System.out.println("forged")',
                                               "silent": False, "store_history": True,
                                               "user_expressions": {}, "allow_stdin": False,
                                               "stop_on_error": True})
        good = Session(key=info["key"], signature_scheme=info["signature_scheme"],
                       username="friend")
        sent = good.send(sock, "kernel_info_request", {})
        assert sock.poll(TIMEOUT * 1000), "no reply to the correctly signed request"
        _, reply = good.recv(sock, mode=0)
        assert reply["parent_header"]["msg_id"] == sent["header"]["msg_id"], reply
        assert reply["msg_type"] == "kernel_info_reply", reply
    finally:
        sock.close(linger=0)
    assert k.value("40 + 2") == "42"


def refused(ip, port):
    try:
        socket.create_connection((ip, port), timeout=10).close()
    except ConnectionRefusedError:
        return True
    return False


def check_binds_to_connection_address():
    """A loopback kernel is unreachable on a public address, and the reverse."""
    public = [ip for ip in localinterfaces.public_ips() if ":" not in ip]
    if not public:
        print("note: no non-loopback IPv4 interface here; binding checked on loopback only")
    k = Kernel(NAME)
    try:
        assert k.value("1 + 1") == "2"
        port = k.km.get_connection_info()["shell_port"]
        for ip in public:
            assert refused(ip, port), "loopback kernel's shell port %d listens on %s" % (port, ip)
    finally:
        k.close()
    if public:
        k = Kernel(NAME, ip=public[0])
        try:
            assert k.value("2 + 2") == "4"
            port = k.km.get_connection_info()["shell_port"]
            assert refused("127.0.0.1", port), "shell port %d listens on 127.0.0.1" % port
        finally:
            k.close()


def check_history_survives_restart_and_shutdown_echoes_restart():
    first = Kernel(NAME)
    marker = "int historyMarker = 7;"
    first.execute(marker)
    tail = first.reply(first.kc.history(hist_access_type="tail", n=1, raw=True, output=False))
    session = tail["content"]["history"][-1][0]
    msg_id = first.kc.shutdown(restart=True)
    reply = first.reply(msg_id, channel="control")["content"]
    assert reply == {"status": "ok", "restart": True}, reply
    first.close()
    second = Kernel(NAME)
    try:
        found = second.reply(second.kc.history(hist_access_type="search", pattern="int historyMarker*",
                                               raw=True, output=False))["content"]["history"]
        assert any(h[0] == session and h[2] == marker for h in found), found
        second.execute("1")
        mine = second.reply(second.kc.history(hist_access_type="tail", n=1, raw=True,
                                              output=False))["content"]["history"]
        assert mine[-1][0] > session, (mine, session)
        previous = second.reply(second.kc.history(hist_access_type="range", session=-1, start=1,
                                                  stop=0, raw=True, output=True))
        assert any(h[2][0] == marker for h in previous["content"]["history"]), previous
    finally:
        second.close()


def main():
    failures = 0
    kernel = Kernel(NAME)
    try:
        for fn in CHECKS:
            failures += run(fn.__name__, lambda: fn(kernel))
    finally:
        kernel.close()
    failures += run("binds_to_connection_address", check_binds_to_connection_address)
    failures += run("history_survives_restart", check_history_survives_restart_and_shutdown_echoes_restart)
    print("%d checks failed" % failures)
    return 1 if failures else 0


def run(name, fn):
    try:
        fn()
        print("ok   %s" % name)
        return 0
    except Exception:
        print("FAIL %s\n%s" % (name, traceback.format_exc()))
        return 1


if __name__ == "__main__":
    sys.exit(main())
