"""Hostile wire-protocol clients against one kernelspec, through pyzmq and jupyter_client.

Usage: JUPYTER_PATH=... /usr/bin/python3 wire_checks.py KERNEL_NAME [CHECK...]
A validly signed message sent again must not run again, on the same connection or a new one
(ipykernel keeps the signatures it saw). A message with too few frames, or frames without the
"<IDS|MSG>" delimiter, must be dropped whole: the next legitimate request on shell, control and
stdin is served, and an interrupt_request after a short control message stops the cell at once.
Extra frames after the content are buffers: the message is served. Ordering is by construction:
the hostile frames go out on the same socket, before the request that must still be served.
"""
import sys
import traceback

import zmq
from jupyter_client.session import Session

from tunebook_client import TIMEOUT, Kernel

DELIM = b"<IDS|MSG>"
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def dealer(k, channel="shell"):
    info = k.km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.connect("%s://%s:%d" % (info["transport"], info["ip"], info[channel + "_port"]))
    return sock


def session(k):
    info = k.km.get_connection_info()
    return Session(key=info["key"], signature_scheme=info["signature_scheme"], username="probe")


def execute_content(code, user_expressions=None):
    return {"code": code, "silent": False, "store_history": False,
            "user_expressions": user_expressions or {}, "allow_stdin": False,
            "stop_on_error": False}


def replies_until(sock, sess, msg_id):
    """Returns every reply read on sock up to and including the one to msg_id."""
    replies = []
    while True:
        assert sock.poll(TIMEOUT * 1000), "no reply to %s within %d s" % (msg_id, TIMEOUT)
        _, reply = sess.recv(sock, mode=0)
        replies.append(reply)
        if reply["parent_header"].get("msg_id") == msg_id:
            return replies


def expression(sock, sess, name):
    """Returns the value of name (and every reply read) from an execute on sock."""
    sent = sess.send(sock, "execute_request", execute_content("", {name: name}))
    replies = replies_until(sock, sess, sent["header"]["msg_id"])
    value = replies[-1]["content"]["user_expressions"][name]
    assert value["status"] == "ok", value
    return value["data"]["text/plain"], replies


def parents(replies):
    return [r["parent_header"].get("msg_id") for r in replies]


@check
def replay_on_the_same_connection_is_dropped(k):
    k.execute("int replayRuns = 0;")
    sock = dealer(k)
    try:
        sess = session(k)
        msg = sess.msg("execute_request", execute_content("replayRuns++;"))
        frames = sess.serialize(msg)
        sock.send_multipart(frames)
        first = replies_until(sock, sess, msg["header"]["msg_id"])
        assert first[-1]["content"]["status"] == "ok", first
        sock.send_multipart(frames)
        sock.send_multipart(frames)
        runs, replies = expression(sock, sess, "replayRuns")
        assert runs == "1", "the replayed request ran %s times" % runs
        assert msg["header"]["msg_id"] not in parents(replies), replies
    finally:
        sock.close(linger=0)


@check
def replay_from_a_new_connection_is_dropped(k):
    k.execute("int replayElsewhere = 0;")
    sess = session(k)
    msg = sess.msg("execute_request", execute_content("replayElsewhere++;"))
    frames = sess.serialize(msg)
    first, second = dealer(k), dealer(k)
    try:
        first.send_multipart(frames)
        replies_until(first, sess, msg["header"]["msg_id"])
        second.send_multipart(frames)
        thief = Session(key=sess.key, signature_scheme=sess.signature_scheme, username="thief")
        runs, replies = expression(second, thief, "replayElsewhere")
        assert runs == "1", "the replayed request ran %s times" % runs
        assert msg["header"]["msg_id"] not in parents(replies), replies
    finally:
        first.close(linger=0)
        second.close(linger=0)


@check
def short_message_on_shell_does_not_eat_the_next_request(k):
    k.kc.shell_channel.socket.send_multipart([DELIM, b"x"])
    assert k.value("6 * 7") == "42"


@check
def short_message_on_control_does_not_eat_the_next_interrupt(k):
    k.kc.control_channel.socket.send_multipart([DELIM, b"x"])
    msg_id = k.kc.execute('{ System.out.println("running"); while (true) {} }')
    while True:
        msg = k.kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            break
    interrupt = k.kc.session.msg("interrupt_request", {})
    k.kc.control_channel.send(interrupt)
    assert k.reply(interrupt["header"]["msg_id"], channel="control")["content"]["status"] == "ok"
    reply = k.reply(msg_id)["content"]
    assert reply["status"] == "error", reply
    k.outputs(msg_id)
    assert k.value("1 + 1") == "2"


@check
def short_message_on_stdin_does_not_eat_the_input_reply(k):
    msg_id = k.kc.execute('dev.tunebook.kernel.Input.readLine("name? ")', allow_stdin=True)
    request = k.kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request", request
    k.kc.stdin_channel.socket.send_multipart([DELIM, b"x"])
    k.kc.input("tune")
    reply = k.reply(msg_id)["content"]
    assert reply["status"] == "ok", reply
    results = [m["content"] for m in k.outputs(msg_id) if m["msg_type"] == "execute_result"]
    assert results and "tune" in results[0]["data"]["text/plain"], results


@check
def truncated_signed_message_is_dropped_whole(k):
    sock = dealer(k)
    try:
        sess = session(k)
        frames = sess.serialize(sess.msg("execute_request", execute_content("1")))
        sock.send_multipart(frames[:-1])
        sent = sess.send(sock, "kernel_info_request", {})
        replies = replies_until(sock, sess, sent["header"]["msg_id"])
        assert [r["msg_type"] for r in replies] == ["kernel_info_reply"], replies
    finally:
        sock.close(linger=0)


@check
def extra_trailing_frames_are_buffers(k):
    sock = dealer(k)
    try:
        sess = session(k)
        msg = sess.msg("kernel_info_request", {})
        sock.send_multipart(sess.serialize(msg) + [b"buffer one", b"buffer two"])
        replies = replies_until(sock, sess, msg["header"]["msg_id"])
        assert replies[-1]["msg_type"] == "kernel_info_reply", replies
        sent = sess.send(sock, "kernel_info_request", {})
        replies = replies_until(sock, sess, sent["header"]["msg_id"])
        assert len(replies) == 1, replies
    finally:
        sock.close(linger=0)


@check
def frames_without_delimiter_are_dropped_whole(k):
    sock = dealer(k)
    try:
        sess = session(k)
        sock.send_multipart([b"garbage", b"more garbage", b"{}"])
        sock.send_multipart([b"one frame"])
        sent = sess.send(sock, "kernel_info_request", {})
        raw = []
        while not raw or raw[-1] != sent["header"]["msg_id"]:
            assert sock.poll(TIMEOUT * 1000), "no reply to the request after the garbage"
            frames = sock.recv_multipart()
            idents, rest = sess.feed_identities(frames)
            assert idents == [], "the reply was routed with garbage identities %r" % idents
            raw.append(sess.deserialize(rest)["parent_header"]["msg_id"])
        assert raw == [sent["header"]["msg_id"]], raw
    finally:
        sock.close(linger=0)
    assert k.value("2 + 3") == "5"


@check
def heartbeat_echoes_multipart_pings_and_keeps_beating(k):
    info = k.km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.REQ)
    sock.connect("%s://%s:%d" % (info["transport"], info["ip"], info["hb_port"]))
    try:
        for ping in ([b"two", b"frames"], [b"ping"]):
            sock.send_multipart(ping)
            assert sock.poll(TIMEOUT * 1000), "no heartbeat echo of %r" % ping
            assert sock.recv_multipart() == ping
    finally:
        sock.close(linger=0)
    assert k.km.is_alive()


def main(name, wanted):
    failures = 0
    k = Kernel(name)
    try:
        for fn in CHECKS:
            if wanted and fn.__name__ not in wanted:
                continue
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
    total = main(sys.argv[1], set(sys.argv[2:]))
    print("%d checks failed" % total)
    sys.exit(1 if total else 0)
