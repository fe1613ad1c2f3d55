"""Executes a notebook with nbclient and compares its outputs with what `tunebook run` wrote.

Usage: /usr/bin/python3 nbclient_parity.py KERNEL_NAME NOTEBOOK RUNNER_OUTPUT [NBCLIENT_OUTPUT]
Outputs are compared per code cell, ignoring display ids, timings and metadata added by
clients; consecutive stream outputs of the same name are merged first (clients may split them).
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient


def text(value):
    return "".join(value) if isinstance(value, list) else value


def normalise_output(out):
    kind = out["output_type"]
    if kind == "stream":
        return {"output_type": kind, "name": out["name"], "text": text(out["text"])}
    if kind == "error":
        return {"output_type": kind, "ename": out["ename"], "evalue": out["evalue"],
                "traceback": list(out["traceback"])}
    norm = {"output_type": kind,
            "data": {k: text(v) for k, v in out.get("data", {}).items()},
            "metadata": dict(out.get("metadata", {}))}
    if kind == "execute_result":
        norm["execution_count"] = out.get("execution_count")
    return norm


def normalise(nb):
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        outs = []
        for out in map(normalise_output, cell.get("outputs", [])):
            last = outs[-1] if outs else None
            if last and out["output_type"] == "stream" and last["output_type"] == "stream" \
                    and last["name"] == out["name"]:
                last["text"] += out["text"]
            else:
                outs.append(out)
        cells.append({"execution_count": cell.get("execution_count"), "outputs": outs})
    return cells


def main(kernel, notebook, runner_output, nbclient_output=None):
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=300, allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(notebook)}})
    client.execute()
    if nbclient_output:
        nbformat.write(nb, nbclient_output)
    with open(runner_output, encoding="utf-8") as f:
        ran = json.load(f)
    expected, actual = normalise(nb), normalise(ran)
    if expected == actual:
        print("outputs match (%d code cells)" % len(expected))
        return 0
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            print("code cell %d differs\n  nbclient: %s\n  runner:   %s" % (
                i + 1, json.dumps(e), json.dumps(a)))
    if len(expected) != len(actual):
        print("cell counts differ: %d vs %d" % (len(expected), len(actual)))
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
