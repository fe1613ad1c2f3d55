"""Reading Debian archive indexes and turning Description fields into plain text.

Python 3 standard library only. Used by build.py; importable on its own for experiments.
"""

import bz2
import gzip
import lzma
import re
import subprocess

# Index files as apt keeps them: plain, or compressed as Acquire::CompressionTypes says.
_STDLIB_CODECS = {".gz": gzip.decompress, ".xz": lzma.decompress, ".bz2": bz2.decompress}
_APT_CODECS = (".lz4", ".zst")

# A list item in a verbatim line: "*", "-", "+", "o", "1." or "1)" followed by a space.
LIST_ITEM = re.compile(r"^(?:[*+\-o]|\d{1,2}[.)])\s+\S")
# End of a sentence: terminal punctuation, optional closing quote or bracket, then space or end.
SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s|$)")
# Where prose may be cut into sentences for boilerplate counting.
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


def read_index(path):
    """Returns the text of an apt index file, decompressing it by its file name's suffix.

    .gz/.xz/.bz2 are read with the standard library; .lz4/.zst with apt's own
    `/usr/lib/apt/apt-helper cat-file`, so the script needs nothing outside Debian's apt.
    """
    name = str(path)
    for suffix, decompress in _STDLIB_CODECS.items():
        if name.endswith(suffix):
            with open(path, "rb") as f:
                return decompress(f.read()).decode("utf-8")
    if name.endswith(_APT_CODECS):
        done = subprocess.run(
            ["/usr/lib/apt/apt-helper", "cat-file", name], capture_output=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"{name}: apt-helper cat-file failed: {done.stderr.decode()}")
        return done.stdout.decode("utf-8")
    with open(path, encoding="utf-8") as f:
        return f.read()


def stanzas(text, origin):
    """Yields (line number, {field: value}) for each RFC 822 stanza of a Debian index.

    Continuation lines keep their leading space, joined to the field's value with newlines, so
    a multi-line Description-en comes back as its synopsis line plus its raw long lines.
    """
    fields, field, start = {}, None, 1
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            if fields:
                yield start, fields
            fields, field, start = {}, None, number + 1
        elif line[0] in " \t":
            if field is None:
                raise SystemExit(f"{origin}:{number}: continuation line before any field")
            fields[field] += "\n" + line
        else:
            name, colon, value = line.partition(":")
            if not colon:
                raise SystemExit(f"{origin}:{number}: expected 'Field: value', got {line!r}")
            field = name.strip()
            fields[field] = value.strip()
    if fields:
        yield start, fields


def long_description(raw_lines):
    """Returns the plain text of a Debian long description (the lines after the synopsis).

    Follows Debian Policy 5.6.13: " ." separates paragraphs, lines that start with one space
    are word-wrapped prose (joined into one line per paragraph), lines that start with two or
    more spaces are verbatim. Verbatim lines that start a list item ("*", "-", "+", "o", "1.")
    become one line per item, with their indented continuation lines joined on. Paragraphs are
    separated by one blank line; whitespace inside a line is collapsed.
    """
    paragraphs, lines, kind = [], [], None
    for raw in raw_lines:
        body = raw[1:].replace("\t", "        ") if raw[:1] in " \t" else raw
        text = " ".join(body.split())
        if text == ".":
            if lines:
                paragraphs.append(lines)
            lines, kind = [], None
            continue
        if not text:
            continue
        verbatim = body.startswith(" ")
        if LIST_ITEM.match(text):
            lines.append(text)
            kind = "item"
        elif kind == "item" or (kind == "prose" and not verbatim):
            lines[-1] += " " + text
        else:
            lines.append(text)
            kind = "verbatim" if verbatim else "prose"
    if lines:
        paragraphs.append(lines)
    return "\n\n".join("\n".join(p) for p in paragraphs)


def sentence_count(text):
    """Returns how many sentences a text has: terminal punctuation marks plus list items."""
    items = sum(1 for line in text.split("\n") if LIST_ITEM.match(line))
    return len(SENTENCE_END.findall(text)) + items


def units(text):
    """Returns the text cut into units for boilerplate counting, with their positions.

    A unit is one sentence of a prose line or one whole list item or verbatim line. Each entry
    is (paragraph index, line index, unit text); joining a line's units with spaces gives the
    line back.
    """
    out = []
    for p, paragraph in enumerate(text.split("\n\n")):
        for i, line in enumerate(paragraph.split("\n")):
            pieces = [line] if LIST_ITEM.match(line) else SENTENCE_SPLIT.split(line)
            out.extend((p, i, piece) for piece in pieces)
    return out


def rebuild(kept_units):
    """Returns the text made of the given units, in order (the inverse of units())."""
    paragraphs = {}
    for p, i, piece in kept_units:
        paragraphs.setdefault(p, {}).setdefault(i, []).append(piece)
    return "\n\n".join(
        "\n".join(" ".join(pieces) for _, pieces in sorted(lines.items()))
        for _, lines in sorted(paragraphs.items())
    )


def normalize(text):
    """Returns a text folded for duplicate detection: lower case, letters and digits only."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))
