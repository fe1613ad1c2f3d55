#!/usr/bin/python3
"""Builds the Debian package descriptions data set (train/val/test.jsonl and README.md).

Python 3 standard library only. The same index files and options give byte-identical output.

    mkdir -p /tmp/lists/partial
    apt-get -o Dir::State::Lists=/tmp/lists -o Acquire::Languages=en update
    /usr/bin/python3 notebooks/data/debian-packages/build.py --lists /tmp/lists --fetched 2026-12-05
    /usr/bin/python3 notebooks/data/debian-packages/build.py --check

See README.md (written from README.template.md) for what each step keeps and drops.
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import re
import string
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ beside the data

import checks  # noqa: E402
import debtext  # noqa: E402
import dedup  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SPLITS = (("train", 0.8), ("val", 0.1), ("test", 0.1))
SPLIT_PACKAGE = re.compile(r"-(dev|doc|docs|dbg|dbgsym|data|common)$")
RUNTIME_LIBRARY = re.compile(r"^lib.*\d[a-z0-9]*$")
DROPPED_SECTIONS = ("libs", "libdevel", "oldlibs", "debug")
TRANSITIONAL = re.compile(r"\b(transitional|dummy)\b", re.IGNORECASE)


def options():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lists", default="/var/lib/apt/lists", help="apt's lists folder")
    p.add_argument("--suite", default="bookworm")
    p.add_argument("--arch", default="amd64", help="architecture of the Packages index")
    p.add_argument("--out", default=HERE, help="output folder")
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    p.add_argument("--fetched", default=today, help="date the index was fetched, for README")
    p.add_argument("--seed", default="tunebook-debian-packages-1")
    p.add_argument("--min-chars", type=int, default=120)
    p.add_argument("--min-sentences", type=int, default=2)
    p.add_argument("--max-chars", type=int, default=1500)
    p.add_argument("--boilerplate-sources", type=int, default=10)
    p.add_argument("--boilerplate-share", type=float, default=0.5)
    p.add_argument("--max-bytes", type=int, default=10_000_000, help="cap on the three files")
    p.add_argument("--check", action="store_true", help="only check the files in --out")
    return p.parse_args()


def index_file(lists, pattern):
    """Returns the one file in lists matching pattern (any compression), or exits naming it."""
    found = sorted(
        f for f in glob.glob(os.path.join(lists, pattern + "*")) if not f.endswith(".diff")
    )
    if len(found) != 1:
        raise SystemExit(f"{lists}: expected one {pattern}*, found {found or 'none'}")
    return found[0]


def release_entry(release_text, path):
    """Returns (sha256, size) of path from the SHA256 list of a Release file, or (None, None)."""
    in_sha = False
    for line in release_text.split("\n"):
        if not line.startswith(" "):
            in_sha = line.startswith("SHA256:")
        elif in_sha and line.split()[2:] == [path]:
            return line.split()[0], int(line.split()[1])
    return None, None


def release_field(release_text, name):
    match = re.search(rf"^{name}: (.*)$", release_text, re.MULTILINE)
    return match.group(1) if match else "unknown"


def load_packages(path):
    """Returns {package: (source, section, description md5)} from a Packages index."""
    table = {}
    for _, f in debtext.stanzas(debtext.read_index(path), path):
        source = f.get("Source", f["Package"]).split()[0]
        table.setdefault(f["Package"], (source, f.get("Section"), f.get("Description-md5")))
    return table


def load_translations(path, packages, steps):
    """Returns one record per package from Translation-en, with source and section joined in.

    A package listed more than once (one description per architecture's version) keeps the
    description whose md5 the Packages index names, else its first.
    """
    chosen, total = {}, 0
    for line, f in debtext.stanzas(debtext.read_index(path), path):
        total += 1
        for field in ("Package", "Description-md5", "Description-en"):
            if not f.get(field):
                raise SystemExit(f"{path}:{line}: stanza without {field}")
        name = f["Package"]
        wanted = packages.get(name, (None, None, None))[2]
        if name not in chosen or f["Description-md5"] == wanted:
            chosen[name] = f
    steps.append(("stanzas in Translation-en", total))
    records = []
    for name in sorted(chosen):
        f = chosen[name]
        lines = f["Description-en"].split("\n")
        source, section, _ = packages.get(name, (None, None, None))
        records.append(
            {
                "package": name,
                "source": source,
                "section": section,
                "synopsis": " ".join(lines[0].split()),
                "description": debtext.long_description(lines[1:]),
            }
        )
    steps.append(("one description per package", len(records)))
    return keep(records, steps, "in the Packages index (so its source is known)",
                lambda r: r["package"] in packages)


def keep(records, steps, label, predicate):
    kept = [r for r in records if predicate(r)]
    steps.append((label, len(kept)))
    return kept


def family_filter(records, steps):
    """Drops split-off packages whose text repeats or wraps their source's."""
    records = keep(records, steps, "not -dev/-doc(s)/-dbg/-dbgsym/-data/-common",
                   lambda r: not SPLIT_PACKAGE.search(r["package"]))
    records = keep(records, steps, "section not libs/libdevel/oldlibs/debug",
                   lambda r: r["section"] not in DROPPED_SECTIONS)
    records = keep(records, steps, "not a lib*<soname> runtime library",
                   lambda r: not RUNTIME_LIBRARY.match(r["package"]))
    return keep(records, steps, "not transitional/dummy",
                lambda r: not TRANSITIONAL.search(r["synopsis"] + " " + r["description"]))


def clean(records, args, steps, boilerplate):
    """Strips boilerplate units, then drops mostly-boilerplate, too short and too long texts."""
    cleaned = []
    for r in records:
        text, share = dedup.strip_boilerplate(r, boilerplate)
        if share < args.boilerplate_share:
            cleaned.append(dict(r, description=text))
    steps.append((f"less than {args.boilerplate_share:.0%} boilerplate", len(cleaned)))
    cleaned = keep(cleaned, steps, f"at least {args.min_chars} characters and "
                   f"{args.min_sentences} sentences",
                   lambda r: len(r["description"]) >= args.min_chars
                   and debtext.sentence_count(r["description"]) >= args.min_sentences)
    cleaned = keep(cleaned, steps, f"at most {args.max_chars} characters",
                   lambda r: len(r["description"]) <= args.max_chars)
    return keep(cleaned, steps, "synopsis not inside the description", synopsis_apart)


def synopsis_apart(record):
    """Tells whether the normalized synopsis is not a word sequence of the description."""
    synopsis = " " + debtext.normalize(record["synopsis"]) + " "
    return synopsis not in " " + debtext.normalize(record["description"]) + " "


def deduplicate(records, steps, groups):
    """Keeps one record per cluster of (near-)identical descriptions; joins their sources."""
    exact = {}
    for r in records:
        exact.setdefault(debtext.normalize(r["description"]), []).append(r)
    unique = []
    for members in exact.values():
        members.sort(key=dedup.representative_rank)
        for m in members[1:]:
            groups.union(members[0]["source"], m["source"])
        unique.append(members[0])
    unique.sort(key=lambda r: r["package"])
    steps.append(("no identical description (normalized)", len(unique)))
    clusters = dedup.UnionFind()
    for a, b in dedup.near_duplicate_pairs(unique):
        clusters.union(a, b)
    best = {}
    for i, r in enumerate(unique):
        root = clusters.find(i)
        groups.union(r["source"], unique[root]["source"])
        rank = dedup.representative_rank(r)
        if root not in best or rank < dedup.representative_rank(best[root]):
            best[root] = r
    kept = sorted(best.values(), key=lambda r: r["package"])
    steps.append(("no near-duplicate description", len(kept)))
    return kept


def encode(record):
    fields = ("package", "source", "section", "synopsis", "description")
    return json.dumps({k: record[k] for k in fields}, ensure_ascii=False) + "\n"


def assign(records, args, groups):
    """Returns {split: [lines]}: splits by source group, train subsampled to fit max_bytes."""
    splits = {name: [] for name, _ in SPLITS}
    for r in records:
        splits[dedup.split_of(groups.find(r["source"]), args.seed, SPLITS)].append(r)
    held_out = sum(len(encode(r).encode()) for n in ("val", "test") for r in splits[n])
    budget, train = args.max_bytes - held_out, []
    for r in sorted(splits["train"], key=lambda r: dedup.stable_order(args.seed, r["package"])):
        size = len(encode(r).encode())
        if size > budget:
            break  # going on would favour short texts
        budget -= size
        train.append(r)
    subsampled = len(splits["train"]) - len(train)
    splits["train"] = sorted(train, key=lambda r: r["package"])
    return {n: [encode(r) for r in rs] for n, rs in splits.items()}, subsampled


def main():
    args = options()
    if args.check:
        sys.exit(checks.run(args.out, args.seed))
    prefix = f"*_dists_{args.suite}_"
    translation = index_file(args.lists, prefix + "main_i18n_Translation-en")
    packages_file = index_file(args.lists, prefix + f"main_binary-{args.arch}_Packages")
    release_file = index_file(args.lists, prefix + "InRelease")
    with open(release_file, encoding="utf-8") as f:
        release = f.read()
    steps, groups = [], dedup.UnionFind()
    packages = load_packages(packages_file)
    records = load_translations(translation, packages, steps)
    boilerplate = dedup.boilerplate_keys(records, args.boilerplate_sources)
    records = clean(family_filter(records, steps), args, steps, boilerplate)
    records = deduplicate(records, steps, groups)
    splits, subsampled = assign(records, args, groups)
    for name, lines in splits.items():
        with open(os.path.join(args.out, f"{name}.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(lines)
    facts = describe(args, release, translation, packages_file, steps, splits)
    sizes = Counter(groups.find(r["source"]) for r in records)
    largest, largest_size = min(sizes.items(), key=lambda kv: (-kv[1], kv[0]))
    facts.update(groups=f"{len(sizes):,}", largest=largest, largest_size=largest_size,
                 before_subsample=f"{len(records):,}", subsampled=f"{subsampled:,}",
                 boilerplate_count=f"{len(boilerplate):,}",
                 boilerplate_top=top_boilerplate(boilerplate))
    write_readme(args.out, facts)
    for label, count in steps:
        print(f"{count:7d}  {label}")
    print(f"train subsampled by {subsampled} to fit {args.max_bytes} bytes")
    return checks.run(args.out, args.seed)


def top_boilerplate(boilerplate, n=12):
    ranked = sorted(boilerplate.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return "\n".join(f"| {count} | {key} |" for key, count in ranked)


def describe(args, release, translation, packages_file, steps, splits):
    """Returns the README's placeholders: where the data came from and what each step kept."""
    facts = {"fetched": args.fetched, "seed": args.seed, "arch": args.arch,
             "min_chars": args.min_chars, "max_chars": args.max_chars,
             "min_sentences": args.min_sentences,
             "boilerplate_sources": args.boilerplate_sources,
             "boilerplate_share": f"{args.boilerplate_share:.0%}"}
    for field in ("Suite", "Codename", "Version", "Date"):
        facts[field.lower()] = release_field(release, field)
    for key, path, entry in (("translation", translation, "main/i18n/Translation-en"),
                             ("packages", packages_file, f"main/binary-{args.arch}/Packages")):
        plain = debtext.read_index(path).encode("utf-8")
        sha, size = release_entry(release, entry)
        facts[key + "_file"] = os.path.basename(path)
        facts[key + "_size"] = f"{len(plain):,}"
        facts[key + "_sha256"] = hashlib.sha256(plain).hexdigest()
        same = (sha, size) == (facts[key + "_sha256"], len(plain))
        facts[key + "_verified"] = "matches" if same else "DOES NOT match"
    facts["steps"] = "\n".join(f"| {label} | {count:,} |" for label, count in steps)
    sizes = {n: sum(len(line.encode()) for line in lines) for n, lines in splits.items()}
    facts["splits"] = "\n".join(f"| {n}.jsonl | {len(lines)} | {sizes[n]:,} |"
                                for n, lines in splits.items())
    facts["total"] = sum(len(lines) for lines in splits.values())
    facts["total_bytes"] = f"{sum(sizes.values()):,}"
    every = [json.loads(line) for lines in splits.values() for line in lines]
    for field in ("synopsis", "description"):
        words = checks.percentiles([len(r[field].split()) for r in every])
        facts[field + "_words"] = " / ".join(str(w) for w in words.values())
        facts[field + "_median"] = words[50]
    short = [r for r in every if len(r["description"]) < 400]
    example = min(short, key=lambda r: dedup.stable_order(args.seed, r["package"]))
    facts["example"] = json.dumps(example, ensure_ascii=False, indent=1)
    facts["max_bytes"] = f"{args.max_bytes:,}"
    return facts


def write_readme(out, facts):
    with open(os.path.join(HERE, "README.template.md"), encoding="utf-8") as f:
        text = string.Template(f.read()).substitute(facts)
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
