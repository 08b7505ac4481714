"""Stage 2d: the "TABELLA MISSIONI/PROGRAMMI" and the objective catalogs ("TABELLA
OBIETTIVI DI PERFORMANCE / DI PEG")."""

from __future__ import annotations

from ingest.common import ParseResult
from ingest.repairs import trim_cells

from .model import CatalogRow, Row
from .patterns import RE_OBJ_CODE, RE_R_NUMBER, T_CATALOG, T_MISSIONI

Missione = tuple[str, str | None]  # (code, name)


def row_missione(previous: Missione | None, code: str, name: str) -> tuple[Missione, bool] | str:
    """(missione, inherited) of a missioni/programmi row, or why it has none.

    Repairs the table's continuation rows: a row with its missione cells empty belongs to
    the missione above it (``missione_inherited``).
    """
    if code:
        if not RE_R_NUMBER.match(code):
            return f"missione code {code!r} is not a number"
        return (code, name or None), False
    if name:
        return "missione name without its code"
    if previous is None:
        return "programma row before any missione"
    return previous, True


def emit_missioni(result: ParseResult, rows: list[Row]) -> None:
    """Add one ``sa_missioni_programmi`` record per programma row ("code | missione |
    code | programma"); any other line is left unparsed with its reason."""
    missione: Missione | None = None
    for row in rows:
        cells = list(row.cells)
        cells += [""] * (4 - len(cells))
        m_code, m_name, p_code, p_name = cells[:4]
        if any(cells[4:]) or not RE_R_NUMBER.match(p_code) or not p_name:
            result.ledger.unparsed(
                row.first, "missioni/programmi row without a programma code and name"
            )
            continue
        found = row_missione(missione, m_code, m_name)
        if isinstance(found, str):
            result.ledger.unparsed(row.first, found)
            continue
        (code, name), inherited = found
        if not inherited:
            missione = (code, name)
        record = {
            "missione_code": code,
            "missione_name": name,
            "programma_code": p_code,
            "programma_name": p_name,
            "missione_inherited": inherited,
        }
        result.add(T_MISSIONI, record, row.first)


def emit_catalog(result: ParseResult, rows: list[CatalogRow]) -> None:
    """Add one ``sa_objective_catalog`` record per "code | title" line of a catalog."""
    for row in rows:
        cells = trim_cells(row.cells)
        if len(cells) == 2 and RE_OBJ_CODE.match(cells[0]) and cells[1]:
            record = {"objective_kind": row.kind, "objective_code": cells[0], "title": cells[1]}
            result.add(T_CATALOG, record, row.line)
        else:
            result.ledger.unparsed(row.line, "catalog line is not 'code | title'")
