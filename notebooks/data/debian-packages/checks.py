"""The sanity pass of build.py --check: invariants of the shipped files, and a look at them.

Python 3 standard library only.
"""

import json
import os
import random
import re

import debtext
import dedup

FIELDS = ("package", "source", "section", "synopsis", "description")


def load(out):
    """Returns {split: [records]}, exiting with file and line on a malformed line."""
    splits = {}
    for name in ("train", "val", "test"):
        path = os.path.join(out, f"{name}.jsonl")
        records = []
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    raise SystemExit(f"{path}:{number}: not JSON: {e}")
                if tuple(record) != FIELDS:
                    raise SystemExit(f"{path}:{number}: fields {list(record)}, want {FIELDS}")
                for field in FIELDS:
                    value = record[field]
                    if field == "section" and value is None:
                        continue
                    if not isinstance(value, str) or not value.strip():
                        raise SystemExit(f"{path}:{number}: empty or non-string {field}")
                records.append(record)
        splits[name] = records
    return splits


def crossings(splits, key):
    """Returns the keys found in more than one split."""
    owner, crossed = {}, set()
    for name, records in splits.items():
        for r in records:
            k = key(r)
            if owner.setdefault(k, name) != name:
                crossed.add(k)
    return crossed


def readme_counts(out):
    """Returns {split: count} from the README's '| train.jsonl | N | bytes |' rows."""
    with open(os.path.join(out, "README.md"), encoding="utf-8") as f:
        rows = re.findall(r"^\| (train|val|test)\.jsonl \| (\d+) \|", f.read(), re.MULTILINE)
    return {name: int(count) for name, count in rows}


def percentiles(values, points=(5, 25, 50, 75, 95)):
    ordered = sorted(values)
    return {p: ordered[min(len(ordered) - 1, len(ordered) * p // 100)] for p in points}


def run(out, seed):
    """Checks the files in out and prints a summary; returns 0 if every invariant holds."""
    splits = load(out)
    problems = []
    for label, key in (("source", lambda r: r["source"]),
                       ("normalized description", lambda r: debtext.normalize(r["description"])),
                       ("package", lambda r: r["package"])):
        crossed = crossings(splits, key)
        print(f"{label}s in more than one split: {len(crossed)}")
        if crossed:
            problems.append(f"{label}s cross splits: {sorted(crossed)[:5]}")
    every = [r for name in splits for r in splits[name]]
    side = {id(r): name for name in splits for r in splits[name]}
    near = [(every[a]["package"], every[b]["package"])
            for a, b in dedup.near_duplicate_pairs(every)
            if side[id(every[a])] != side[id(every[b])]]
    print(f"near-duplicate pairs across splits: {len(near)}")
    if near:
        problems.append(f"near-duplicates cross splits: {near[:5]}")
    counts = {name: len(records) for name, records in splits.items()}
    print("records:", counts, "total", sum(counts.values()))
    if readme_counts(out) != counts:
        problems.append(f"README.md says {readme_counts(out)}, files hold {counts}")
    for field in ("synopsis", "description"):
        words = [len(r[field].split()) for r in every]
        print(f"{field} words, percentiles 5/25/50/75/95:", percentiles(words))
    for r in random.Random(seed).sample(every, 3):
        print(json.dumps(r, ensure_ascii=False, indent=1))
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0
