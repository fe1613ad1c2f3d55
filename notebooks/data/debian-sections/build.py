#!/usr/bin/python3
"""Builds the Debian section classification data (see README.md beside this file).

Run from the repository root, with no arguments, on a machine whose apt lists hold the bookworm
main amd64 Packages index (the one notebooks/data/debian-packages was built from):

    /usr/bin/python3 notebooks/data/debian-sections/build.py

Reads notebooks/data/debian-packages/{train,val,test}.jsonl (long descriptions, already split by
source package) and the Packages index (sections, synopses of packages that data set lacks), and
writes descriptions/{train,val,test}.jsonl and synopses.jsonl. The output depends only on
those inputs: every choice is made in the order of SHA-256(SEED, package).
"""

import argparse
import collections
import glob
import hashlib
import json
import os
import re
import subprocess
import sys

SEED = "tunebook-debian-sections-1"
SECTIONS = ["games", "net", "science", "sound", "text"]
PER_LABEL = {"train": 80, "val": 20, "test": 40}
SYNOPSES_PER_LABEL = 40
HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGES_DATA = os.path.join(HERE, "..", "debian-packages")
INDEX_GLOB = "*_debian_dists_bookworm_main_binary-amd64_Packages*"
# Split-off packages repeat their source's text with a line of packaging detail.
SPLIT_OFF = re.compile(r"^lib|-(dev|doc|docs|dbg|dbgsym|data|common)$")
NO_TEXT = re.compile(r"\b(transitional|dummy)\b", re.IGNORECASE)


def rank(package):
    return hashlib.sha256((SEED + "\0" + package).encode()).hexdigest()


def read_index(lists):
    paths = sorted(glob.glob(os.path.join(lists, INDEX_GLOB)))
    if not paths:
        sys.exit(f"build.py: no {INDEX_GLOB} in {lists} (apt-get update, or pass --lists DIR)")
    path = paths[0]
    if path.endswith(".lz4"):
        text = subprocess.run(["lz4cat", path], check=True, capture_output=True).stdout
    elif path.endswith(".xz"):
        import lzma

        text = lzma.open(path).read()
    elif path.endswith(".gz"):
        import gzip

        text = gzip.open(path).read()
    else:
        text = open(path, "rb").read()
    index = {}
    for stanza in text.decode("utf-8").split("\n\n"):
        fields = {}
        for line in stanza.split("\n"):
            if line and not line.startswith(" ") and ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        if "Package" in fields:
            fields["Source"] = fields.get("Source", fields["Package"]).split(" ")[0]
            index[fields["Package"]] = fields
    return path, index


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in sorted(rows, key=lambda r: r["package"]):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def descriptions(index):
    """Balanced rows per split; each split keeps the debian-packages split of its records."""
    splits, sources = {}, set()
    for split, per_label in PER_LABEL.items():
        records = read_jsonl(os.path.join(PACKAGES_DATA, split + ".jsonl"))
        sources.update(r["source"] for r in records)
        rows = []
        for section in SECTIONS:
            pool = [r for r in records if r["section"] == section]
            pool = [r for r in pool if not SPLIT_OFF.search(r["package"])]
            for r in pool:
                listed = index.get(r["package"], {}).get("Section")
                if listed != section:
                    sys.exit(f"build.py: {r['package']} is {listed} in the index, {section} here")
            pool.sort(key=lambda r: rank(r["package"]))
            if len(pool) < per_label:
                sys.exit(f"build.py: {split} has {len(pool)} {section} records, {per_label} asked")
            rows += [
                {"text": r["description"], "label": section, "package": r["package"]}
                for r in pool[:per_label]
            ]
        splits[split] = rows
    return splits, sources


def synopses(index, seen_sources):
    """Synopsis-only rows of packages whose source package is in none of debian-packages' files."""
    rows = []
    for section in SECTIONS:
        pool = [
            p
            for p in index.values()
            if p.get("Section") == section
            and p["Source"] not in seen_sources
            and not SPLIT_OFF.search(p["Package"])
            and not NO_TEXT.search(p.get("Description", ""))
        ]
        pool.sort(key=lambda p: rank(p["Package"]))
        chosen, used_sources, used_tails = [], set(), set()
        for p in pool:
            # One package per source, and no two synopses ending alike ("dictionary for aspell").
            tail = tuple(re.findall(r"[a-z0-9]+", p["Description"].lower())[-3:])
            if p["Source"] in used_sources or tail in used_tails:
                continue
            used_sources.add(p["Source"])
            used_tails.add(tail)
            chosen.append(p)
            if len(chosen) == SYNOPSES_PER_LABEL:
                break
        if len(chosen) < SYNOPSES_PER_LABEL:
            sys.exit(f"build.py: only {len(chosen)} {section} synopses")
        rows += [
            {"text": p["Description"], "label": section, "package": p["Package"]} for p in chosen
        ]
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lists", default="/var/lib/apt/lists", help="apt's lists folder")
    args = parser.parse_args()
    path, index = read_index(args.lists)
    splits, sources = descriptions(index)
    for split, rows in splits.items():
        write_jsonl(os.path.join(HERE, "descriptions", split + ".jsonl"), rows)
    other = synopses(index, sources)
    write_jsonl(os.path.join(HERE, "synopses.jsonl"), other)
    packages = [r["package"] for rows in splits.values() for r in rows] + [
        r["package"] for r in other
    ]
    assert len(packages) == len(set(packages)), "a package in two files"
    print(f"index: {os.path.basename(path)} ({len(index)} packages)")
    for split, rows in list(splits.items()) + [("synopses", other)]:
        counts = collections.Counter(r["label"] for r in rows)
        print(f"{split}: {len(rows)} rows, {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
