"""The document's title: report date, plan period and the document record's lines."""

from __future__ import annotations

from ingest.common import ParseResult, SourceDocument, strip_markup
from ingest.repairs import strip_heading_marker

from .patterns import RE_PERIOD, RE_REPORT_DATE, RE_REPORT_NAME, T_DOCUMENTS


def title_text(doc: SourceDocument, lines: list[int]) -> str:
    """The title lines joined with spaces, markup and heading markers removed."""
    return strip_markup(" ".join(strip_heading_marker(doc.line(n)) for n in lines))


def plan_period(text: str) -> tuple[int, int] | None:
    """The plan period "YYYY - YYYY" of a title, the report date "AL dd/mm/yyyy" set aside."""
    m = RE_PERIOD.search(RE_REPORT_DATE.sub("", text))
    return (int(m.group(1)), int(m.group(2))) if m else None


def report_year(text: str) -> int | None:
    """The year of the report date ("STATO DI ATTUAZIONE AL 31/12/2020" -> 2020)."""
    m = RE_REPORT_DATE.search(text)
    return int(m.group(2)) if m else None


def title_block(doc: SourceDocument, lines: list[int]) -> list[int]:
    """The title among the lines before the first section, found by its content.

    It starts at the line that names the report ("stato di attuazione") and ends at the line
    that gives the plan period (the report date set aside), or at the last line before the
    first section when no period follows. Bold markers (``**``) around the title are not
    needed: a converted PDF has none. Without a line naming the report, every line before
    the first section is the title.
    """
    start = next((i for i, n in enumerate(lines) if RE_REPORT_NAME.search(doc.line(n))), None)
    if start is None:
        return list(lines)
    for j in range(start, len(lines)):
        if plan_period(title_text(doc, [lines[j]])) is not None:
            return lines[start : j + 1]
    return lines[start:]


def emit_title(result: ParseResult, doc: SourceDocument, lines: list[int]) -> int | None:
    """Set the document's title and period; map the title lines; return the report year.

    Lines before the first section that are not part of the title are left unparsed.
    """
    block = title_block(doc, lines)
    for n in lines:
        if n not in block:
            result.ledger.unparsed(n, "text before the first objective block, outside the title")
    if not block:
        return None
    text = title_text(doc, block)
    result.doc_title = text or None
    period = plan_period(text)
    if period is not None:
        result.period_start_year, result.period_end_year = period
    for n in block:
        result.ledger.map(n, T_DOCUMENTS)
    return report_year(text)
