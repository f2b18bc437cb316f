#!/usr/bin/env python3
"""Wraps `//` and `///` comment lines wider than 120 columns at word boundaries, keeping indentation and marker.
A wide line is reflowed together with the rest of its paragraph (the following lines of the same marker up to a
blank comment line, a list item, a table row or a code fence), so no short orphan line is left behind.
Used by scripts/format: swift-format leaves comments as they are."""
import re
import sys

WIDTH = 120
COMMENT = re.compile(r"^(\s*)(///?)( ?)(.*)$")
BREAK = re.compile(r"^([-*+|>]\s|\d+\.\s|```|@|- )")


def comment(line):
    m = COMMENT.match(line)
    return (m.group(1), m.group(2), m.group(4)) if m else None


def continues(line, indent, marker):
    c = comment(line)
    return c is not None and c[0] == indent and c[1] == marker and c[2] != "" and not BREAK.match(c[2])


def reflow(lines):
    out, i = [], 0
    while i < len(lines):
        c = comment(lines[i])
        if len(lines[i]) <= WIDTH or c is None or "://" in c[2].split(" ")[0]:
            out.append(lines[i])
            i += 1
            continue
        indent, marker, text = c
        j = i + 1
        while j < len(lines) and continues(lines[j], indent, marker):
            j += 1
        prefix = indent + marker + " "
        words = " ".join([text] + [comment(x)[2] for x in lines[i + 1:j]]).split(" ")
        current = ""
        for w in words:
            candidate = (current + " " + w) if current else w
            if current and len(prefix) + len(candidate) > WIDTH:
                out.append(prefix + current)
                current = w
            else:
                current = candidate
        out.append(prefix + current)
        i = j
    return out


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    wrapped = reflow(lines)
    if wrapped != lines:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(wrapped))
