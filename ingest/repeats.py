"""A page printed twice: a run of lines followed at once by the same run again.

Real plans do repeat text (a table header after a page break, the same strategic
references or even the same project description in two sheets of a PEG), but not a run of
lines immediately followed by itself. When a run of at least ``MIN_RUN`` non-blank lines
(with some content) is followed, verbatim, by the same run, the second copy is the
document's defect: it is hidden from the parser (so no figure is counted twice), classified
as boilerplate by the rule ``repeated_block`` (so no line is lost), and the document is
flagged with the lines. Repeats far apart are left to the parser and to the key checks.
"""

from __future__ import annotations

import dataclasses

from ingest.common import SourceDocument

MIN_RUN = 6
MIN_CHARS = 120  # a run of short labels or numbers alone is not evidence
RULE = "repeated_block"


def repeated_runs(lines: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(first, last, first_of_original) 1-based line numbers of every run that repeats the
    run just before it, not overlapping."""
    content = [(n, t.strip()) for n, t in enumerate(lines, start=1) if t.strip()]
    texts = [t for _, t in content]
    positions: dict[tuple[str, ...], list[int]] = {}
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i + MIN_RUN <= len(texts):
        window = tuple(texts[i : i + MIN_RUN])
        found = None
        for j in positions.get(window, []):
            size = i - j
            if (
                size >= MIN_RUN
                and texts[j:i] == texts[i : i + size]
                and sum(map(len, texts[j:i])) >= MIN_CHARS
            ):
                found = (j, size)
                break
        if found:
            j, size = found
            runs.append((content[i][0], content[i + size - 1][0], content[j][0]))
            i += size
            continue
        positions.setdefault(window, []).append(i)
        i += 1
    return runs


def hide_repeated_runs(
    doc: SourceDocument,
) -> tuple[SourceDocument, list[int], list[str]]:
    """The document with repeated runs blanked (line numbers unchanged), the hidden line
    numbers, and a flag per run."""
    runs = repeated_runs(doc.lines)
    if not runs:
        return doc, [], []
    lines = list(doc.lines)
    hidden: list[int] = []
    flags = []
    for first, last, original in runs:
        for n in range(first, last + 1):
            if lines[n - 1].strip():
                hidden.append(n)
            lines[n - 1] = ""
        flags.append(
            f"lines {first}-{last} repeat the lines from {original} (a page printed twice?): "
            "read once, the copy is kept as boilerplate"
        )
    return dataclasses.replace(doc, lines=tuple(lines)), hidden, flags
