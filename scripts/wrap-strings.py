#!/usr/bin/env python3
"""Splits single-line string literals on lines wider than 120 columns into `"…" + "…"` at a space, keeping the
text byte for byte. swift-format does not break string literals; this does it once, by hand's rules: only outside
an interpolation, never inside a multi-line literal, and only where the literal is an expression (a `+` is legal)."""
import re
import sys

WIDTH = 120

def literal_spans(line):
    """(start, end) of each single-line string literal's content, and for each, the positions of spaces at
    interpolation depth 0; None when the line holds a multi-line or raw literal."""
    if '"""' in line or '#"' in line:
        return None
    spans, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if c == '/' and line[i:i + 2] == '//':
            break
        if c == '"':
            start, i, depth, spaces = i + 1, i + 1, 0, []
            while i < n:
                ch = line[i]
                if depth == 0:
                    if ch == '\\' and line[i + 1:i + 2] == '(':
                        depth, i = 1, i + 2
                        continue
                    if ch == '\\':
                        i += 2
                        continue
                    if ch == '"':
                        break
                    if ch == ' ':
                        spaces.append(i)
                else:
                    if ch == '"':
                        # a nested literal inside an interpolation
                        i += 1
                        while i < n and line[i] != '"':
                            i += 2 if line[i] == '\\' else 1
                    elif ch == '(':
                        depth += 1
                    elif ch == ')':
                        depth -= 1
                i += 1
            spans.append((start, i, spaces))
        i += 1
    return spans

def split(line):
    if len(line) <= WIDTH or line.lstrip().startswith('//'):
        return [line]
    spans = literal_spans(line)
    if not spans:
        return [line]
    indent = len(line) - len(line.lstrip())
    cont = ' ' * (indent + 4)
    for start, end, spaces in reversed(spans):
        fit = [p for p in spaces if p + 2 <= WIDTH and p > start + 8 and len(cont) + 3 + (len(line) - p) < len(line)]
        if fit:
            p = fit[-1]
            head = line[:p + 1] + '"'
            tail = cont + '+ "' + line[p + 1:]
            return [head] + split(tail)
    return [line]

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, in_multi = [], False
    for line in lines:
        if line.count('"""') % 2 == 1:
            in_multi = not in_multi
            out.append(line)
            continue
        out.extend([line] if in_multi else split(line))
    if out != lines:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
