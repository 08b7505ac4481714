"""Rules for the defects of PIAO exports: one small function per defect, each named after it.

Every function decides from the content of the cells (never from markup around them) and
guesses no figure: a text that cannot be placed is kept as written on the row it belongs to.
``docs/parsers/piao.md`` lists them with their tests.
"""

from __future__ import annotations

import re

from ingest.piao.lines import starts_upper
from ingest.piao.patterns import (
    BULLETS,
    ITEM_RE,
    LABEL_RE,
    PARAM_DATE_RE,
    PARAM_VALUE_RE,
    RISK_RE,
)
from ingest.repairs import join_cut_text

# --- any table ----------------------------------------------------------------------------


def risk_value(cell: str) -> str | None:
    """The risk value of a risk cell (BASSA, MEDIA, ALTA and their masculine forms), also when
    words of the split header were exported into the same cell ("CRITICITA' BASSA")."""
    m = RISK_RE.match(cell.strip())
    return m.group("risk") if m else None


def has_cells_beyond(cells: list[str], width: int) -> bool:
    """Text in cells beyond the header's columns."""
    return any(c for c in cells[width:])


def is_misaligned(cells: list[str], width: int, risk_cell: str) -> bool:
    """Cells in the wrong column: cells beyond the header's width, or text in the risk column
    that is not a risk value. Such a line is not distributed over the columns (that would
    put text under the wrong heading): it is kept as written in ``misaligned_text_raw``."""
    return has_cells_beyond(cells, width) or bool(risk_cell and not risk_value(risk_cell))


# --- organisational indicators ------------------------------------------------------------


def is_garbled_line(cells: list[str], width: int) -> bool:
    """Garbled export of an indicator table (word fragments each in its own cell, e.g.
    "Formazione<TAB>del<TAB>personale<TAB>con..."): cells beyond the header's width. The
    lines form one record flagged ``garbled`` with the lines as written; nothing is guessed."""
    return has_cells_beyond(cells, width)


def starts_org_row(first_cell: str) -> bool:
    """An indicator row wrapped over lines goes on until a line whose first cell starts with a
    capital (or digit): a first cell in lowercase is the wrapped tail of the name above."""
    return starts_upper(first_cell)


# --- service indicators -------------------------------------------------------------------


def starts_service_row(dimension_cell: str) -> bool:
    """A service-indicator row wrapped over lines goes on until a filled "Dimensione" cell."""
    return bool(dimension_cell)


# --- areas and centri di costo ------------------------------------------------------------


def is_second_service(centro: str, service: str, has_row_above: bool) -> bool:
    """An empty centro cell with a service that starts with a capital adds a second service
    to the centro in force (a lowercase service is the wrapped tail of the one above)."""
    return not centro and bool(service) and (not has_row_above or starts_upper(service))


def is_role(responsabile_cell: str) -> bool:
    """A responsabile cell in parentheses ("(Responsabile Servizio Finanziario)") is the role
    of the responsabile above it, not a person."""
    return responsabile_cell.startswith("(")


# --- objective tables ---------------------------------------------------------------------


def split_label_cell(label: str, description: str) -> tuple[str, str, str | None]:
    """A description cut into the label column ("Verifica sul f<TAB>unzionamento del
    servizio"): a label cell that is not a list label ("a)", "1)") is the head of the
    description. Returns (label, description, cells as exported or None): the two pieces
    are joined with no character added only when the cut is evidently inside a word."""
    if not label or LABEL_RE.match(label):
        return label, description, None
    return "", join_cut_text(label, description), f"{label} | {description}"


def bullet_as_label(label: str, description: str) -> tuple[str, str]:
    """A description cell that is only a bullet glyph ("•<TAB>anche dopo il DPCM ...") is the
    row's label: the description is empty, the text of the row is in the next cells."""
    if description in BULLETS:
        return label or description, ""
    return label, description


def list_item_label(description: str, indicator: str, risk: str | None) -> str | None:
    """A list item ("1) realizzazione area camper ...") with its own indicator cell and no
    risk value is a row of its own; its label ("1)"), else None."""
    m = ITEM_RE.match(description)
    return m.group("label") if m and indicator and not risk else None


def is_introduction(description: str | None) -> bool:
    """A row whose description ends with ":" introduces the list items below it (they are
    linked to it by ``parent_row_seq``)."""
    return (description or "").endswith(":")


def starts_objective_row(
    *,
    has_label_column: bool,
    has_risk_column: bool,
    label: str,
    description: str,
    risk: str | None,
    row_above_has_risk: bool,
    is_item: bool,
) -> bool:
    """An objective-table row wrapped over lines goes on (each cell appended to its column)
    unless the line evidently starts a new row: a risk value while the row above already has
    one, or with a description starting with a capital; a filled label column; a list item
    with its own indicator; in a table without a risk column, a description starting with a
    capital or digit."""
    return (
        bool(risk and (row_above_has_risk or starts_upper(description)))
        or (has_label_column and bool(label))
        or is_item
        or (not has_risk_column and starts_upper(description))
    )


# --- text outside tables ------------------------------------------------------------------


def org_scope(intro: str) -> str | None:
    """'ente' / 'struttura': the scope of an organisational indicator table, read from the
    sentence introducing it ("a livello generale di ente ...", "a livello di struttura
    organizzativa ...")."""
    low = intro.lower()
    if "livello di struttura" in low or "struttura organizzativa" in low:
        return "struttura"
    if re.search(r"livello\s+generale\s+di\s+ente|\bdi\s+ente\b", low):
        return "ente"
    return None


def parametro_figures(text: str) -> tuple[str | None, str | None]:
    """The figure and reference date of a PARAMETRI item ("numero di mandati di pagamento
    (4.281 al 31.12.2022)"): a figure only when the parenthesis gives exactly one; an item
    with two figures ("686 determine e 152 delibere al ...") keeps only its date."""
    m = PARAM_VALUE_RE.search(text)
    if m:
        return m.group("value"), m.group("date")
    md = PARAM_DATE_RE.search(text)
    return None, md.group("date") if md else None
