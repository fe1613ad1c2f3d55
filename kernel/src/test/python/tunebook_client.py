"""Small blocking helpers over jupyter_client for the tunebook kernel test scripts."""
import queue

from jupyter_client.manager import KernelManager

TIMEOUT = 120


class Kernel:
    """A started kernel with a blocking client; request helpers wait for their own replies."""

    def __init__(self, name, **manager_args):
        self.km = KernelManager(kernel_name=name, **manager_args)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        self.drain_iopub()

    def drain_iopub(self):
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                return

    def reply(self, msg_id, channel="shell"):
        get = self.kc.get_control_msg if channel == "control" else self.kc.get_shell_msg
        while True:
            msg = get(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def outputs(self, msg_id):
        """Returns the IOPub messages of a request, up to its idle status."""
        found = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    return found
                continue
            found.append(msg)

    def execute(self, code, **kwargs):
        """Returns (reply content, [(msg_type, content)...]) of one execute request."""
        msg_id = self.kc.execute(code, **kwargs)
        reply = self.reply(msg_id)["content"]
        outs = [(m["msg_type"], m["content"]) for m in self.outputs(msg_id)]
        return reply, outs

    def value(self, code):
        reply, outs = self.execute(code)
        assert reply["status"] == "ok", (code, reply)
        results = [c for t, c in outs if t == "execute_result"]
        assert results, (code, outs)
        return results[-1]["data"]["text/plain"]

    def stdout(self, outs):
        return "".join(c["text"] for t, c in outs if t == "stream" and c["name"] == "stdout")

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
