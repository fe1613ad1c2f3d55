"""Boilerplate removal, duplicate detection and source-grouped splits for build.py.

Python 3 standard library only. Every choice is deterministic: ties break on package names,
hashes are SHA-256, never Python's randomised hash().
"""

import hashlib
import re
from collections import defaultdict

import debtext

# A unit must have this many words to count as boilerplate ("Features:" never does).
BOILERPLATE_MIN_WORDS = 4
# Near-duplicates: word-3-gram Jaccard, or the shorter text's share of 3-grams in the longer.
NEAR_JACCARD = 0.5
NEAR_CONTAINMENT = 0.8
# A unit shared by more records than this does not make them candidate pairs.
NEAR_MAX_DF = 500


def name_tokens(record):
    """Returns the words of a record's package and source names, for masking them in text."""
    return set(re.findall(r"[a-z0-9]+", (record["package"] + " " + record["source"]).lower()))


def unit_key(unit, names):
    """Returns a unit's boilerplate key: normalized, its package's own names and digits masked.

    Masking makes "This package contains the Python 3 version of foo." the same key for every
    foo, which is what makes it boilerplate.
    """
    words = debtext.normalize(unit).split()
    masked = ["x" if w in names else re.sub(r"\d+", "0", w) for w in words]
    return " ".join(masked) if len(masked) >= BOILERPLATE_MIN_WORDS else None


def boilerplate_keys(records, min_sources):
    """Returns the unit keys found in the descriptions of at least min_sources source packages."""
    sources = defaultdict(set)
    for r in records:
        names = name_tokens(r)
        for _, _, unit in debtext.units(r["description"]):
            key = unit_key(unit, names)
            if key:
                sources[key].add(r["source"])
    return {k: len(s) for k, s in sources.items() if len(s) >= min_sources}


def strip_boilerplate(record, keys):
    """Returns (text without boilerplate units, fraction of characters that were boilerplate)."""
    names = name_tokens(record)
    all_units = debtext.units(record["description"])
    kept = [u for u in all_units if unit_key(u[2], names) not in keys]
    total = sum(len(u[2]) for u in all_units) or 1
    removed = total - sum(len(u[2]) for u in kept)
    return debtext.rebuild(kept), removed / total


def representative_rank(record):
    """Orders duplicates: the package named like its source first, then the shortest name."""
    return (record["package"] != record["source"], len(record["package"]), record["package"])


class UnionFind:
    """Disjoint sets over hashable keys; find() returns each set's smallest key.

    Instances are not thread-safe.
    """

    def __init__(self):
        self.parent = {}

    def find(self, key):
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low


def shingles(text, n=3):
    """Returns the set of word n-grams of a normalized text (the whole text if shorter)."""
    words = text.split()
    if len(words) <= n:
        return {" ".join(words)}
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def near_duplicate_pairs(
    records, jaccard=NEAR_JACCARD, containment=NEAR_CONTAINMENT, max_df=NEAR_MAX_DF
):
    """Returns index pairs (i, j) of records whose descriptions are near-duplicates.

    Candidates share at least one unit of five or more words (a unit shared by more than
    max_df records is too common to say anything and is skipped); a candidate pair is a
    near-duplicate when the word-3-gram Jaccard similarity reaches `jaccard`, or when the
    shorter text's 3-grams lie in the longer one's for at least `containment` of them (a
    package whose text repeats its source's with one sentence added).
    """
    index = defaultdict(list)
    for i, r in enumerate(records):
        seen = set()
        for _, _, unit in debtext.units(r["description"]):
            key = debtext.normalize(unit)
            if len(key.split()) >= 5 and key not in seen:
                seen.add(key)
                index[key].append(i)
    candidates = set()
    for members in index.values():
        if 1 < len(members) <= max_df:
            candidates.update(
                (a, b) for x, a in enumerate(members) for b in members[x + 1 :]
            )
    grams = {}
    pairs = []
    for a, b in sorted(candidates):
        for i in (a, b):
            if i not in grams:
                grams[i] = shingles(debtext.normalize(records[i]["description"]))
        ga, gb = grams[a], grams[b]
        common = len(ga & gb)
        if common / len(ga | gb) >= jaccard or common / min(len(ga), len(gb)) >= containment:
            pairs.append((a, b))
    return pairs


def split_of(key, seed, fractions):
    """Returns the split name for a group key: SHA-256 of seed and key mapped to [0, 1)."""
    digest = hashlib.sha256(f"{seed}\0{key}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    bound = 0.0
    for name, fraction in fractions:
        bound += fraction
        if point < bound:
            return name
    return fractions[-1][0]


def stable_order(seed, text):
    """Returns a seeded pseudo-random sort key for a text (for deterministic subsampling)."""
    return hashlib.sha256(f"{seed}\0sample\0{text}".encode()).hexdigest()
