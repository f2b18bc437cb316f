#!/usr/bin/env python3
"""Wraps `//` and `///` comment lines wider than 120 columns at word boundaries, keeping indentation and marker.
Used by scripts/format: swift-format leaves comments as they are."""
import re
import sys

WIDTH = 120
COMMENT = re.compile(r"^(\s*)(///?\s?)(.*)$")

def wrap(line):
    m = COMMENT.match(line)
    if len(line) <= WIDTH or not m or "://" in m.group(3).split(" ")[0]:
        return [line]
    indent, marker, text = m.groups()
    prefix = indent + (marker if marker.endswith(" ") else marker + " ")
    words, out, current = text.split(" "), [], ""
    for w in words:
        candidate = (current + " " + w) if current else w
        if current and len(prefix) + len(candidate) > WIDTH:
            out.append(prefix + current)
            current = w
        else:
            current = candidate
    out.append(prefix + current)
    return out

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    wrapped = [piece for line in lines for piece in wrap(line)]
    if wrapped != lines:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(wrapped))
