"""What the lines of a PEG "Allegato B" look like: codes, labels, table headers, table names.

Everything here looks at one line (its text or its TAB-separated cells) and nothing else.
"""

from __future__ import annotations

import re

# --- codes and labels -------------------------------------------------------------------

_PROJECT_CODE = r"(?:\d{4}_P[A-Z]_[0-9A-Z]+|[A-Z]_\d{3,})"
_OBJECTIVE_CODE = r"\d{4}_OB_[0-9A-Z]+_[0-9A-Z]+"
RE_PROJECT_CELL = re.compile(rf"^{_PROJECT_CODE}$")
RE_PROJECT_LINE = re.compile(rf"^\**({_PROJECT_CODE})(?![0-9A-Za-z_])(.*)$")
RE_OBJECTIVE = re.compile(rf"^\**({_OBJECTIVE_CODE})(?![0-9A-Za-z_])(.*)$")
RE_OBJECTIVE_CELL = re.compile(rf"^{_OBJECTIVE_CODE}$")
RE_OBJECTIVE_INLINE = re.compile(rf"(?<!\S)({_OBJECTIVE_CODE})(?![0-9A-Za-z_])")
RE_INDICATOR = re.compile(r"^([A-Z])_([0-9A-Z]+)_([0-9A-Z]+)_([0-9A-Z]+)$")
RE_TYPE_LINE = re.compile(r"^Obiettivo\s+(?!Strategico\b)([^\t*]+?)\s*(\*\*.*)?$")
RE_CDR_HEADER = re.compile(r"^([0-9A-Z]{1,4}) - (\S.*)$")
RE_TITLE = re.compile(r"^Piano Esecutivo di Gestione\s+(\d{4})$", re.IGNORECASE)
RE_PEG_CODE = re.compile(r"^PEG_(\d{4})$")
RE_ALLEGATO = re.compile(r"^ALLEGATO\s+\S+$", re.IGNORECASE)
RE_ELABORATION = re.compile(r"^Elaborazione del\s+(\S+)$", re.IGNORECASE)
RE_TOTALE_CDR = re.compile(r"^Totale\s+(Azione|Obiettivo|Indirizzo|CDR)$", re.IGNORECASE)
RE_CAP = re.compile(r"^Cap\.\s*([0-9A-Z]+)\s+Art\.\s*([0-9A-Z]+)$", re.IGNORECASE)
RE_BUDGET_COLUMN = re.compile(
    r"^(Entrate|Spese)\s+(Correnti|Investimenti|in conto capitale|conto capitale|c/capitale)$",
    re.IGNORECASE,
)
RE_INDICATOR_YEAR = re.compile(r"(\d{4})")
RE_STRATEGIC_LABEL = re.compile(r"^(Indirizzo|Obiettivo Strategico|Azione)(?:[\t ]+(.*\S))?\s*$")
RE_NOTA = re.compile(r"^Nota\s*:")

STRATEGIC_HEADING = "Indirizzo Strategico di riferimento"
STRATEGIC_LABELS = ("Indirizzo", "Obiettivo Strategico", "Azione")
CDR_TABLE_HEADER = ("Indirizzo", "Obiettivo", "Azione")
STAFF_HEADER = ("Nome Soggetto", "Relazione Personale", "Impegno Personale")
PHASE_HEADER_FIRST = "Ordine Fase"
INDICATOR_HEADER = ("Codice indicatore", "Indicatore")
DIRIGENTE = "Dirigente:"

# --- output tables ----------------------------------------------------------------------

T_DOCUMENT = "peg_document"
T_CDR = "peg_cdr"
T_CDR_ROWS = "peg_cdr_rows"
T_PROJECTS = "peg_projects"
T_OBJECTIVES = "peg_objectives"
T_INDICATORS = "peg_indicators"
T_PHASES = "peg_phases"
T_BUDGET_LINES = "peg_budget_lines"
T_BUDGET_TOTALS = "peg_budget_totals"
T_STAFF = "peg_staff"

# --- cells --------------------------------------------------------------------------------


def split_cells(text: str) -> list[str]:
    """TAB-separated cells, each stripped."""
    return [c.strip() for c in text.split("\t")]


def nonempty(cells: list[str]) -> list[tuple[int, str]]:
    """(column index, cell) of the non-empty cells."""
    return [(i, c) for i, c in enumerate(cells) if c]


def filled(cells: list[str]) -> list[str]:
    """The non-empty cells, in order."""
    return [c for c in cells if c]


# --- table headers and row shapes ---------------------------------------------------------


def is_cdr_table_header(cells: list[str]) -> bool:
    """'Indirizzo | Obiettivo | Azione | Codice Progetto | Progetto | Budget | % ...'."""
    ne = filled(cells)
    return tuple(ne[:3]) == CDR_TABLE_HEADER and any(c.startswith("Codice Progetto") for c in ne)


def is_indicator_header(cells: list[str]) -> bool:
    """'Codice indicatore | Indicatore | Valore previsto <year>'."""
    ne = filled(cells)
    return (
        len(ne) >= 3 and tuple(ne[:2]) == INDICATOR_HEADER and ne[2].startswith("Valore previsto")
    )


def is_staff_header(cells: list[str]) -> bool:
    """'Nome Soggetto | Relazione Personale | Impegno Personale'."""
    return tuple(filled(cells))[:3] == STAFF_HEADER


def is_phase_header(cells: list[str]) -> bool:
    """'Ordine Fase | Cod. Obiettivo | Descrizione Fase | | Inizio | Fine'."""
    ne = filled(cells)
    return bool(ne) and ne[0] == PHASE_HEADER_FIRST


def budget_header_columns(cells: list[str]) -> dict[int, str] | None:
    """The columns a budget block declares ({tab position: 'Spese Correnti', ...}), when every
    non-empty cell is a budget column name; else None."""
    ne = nonempty(cells)
    if ne and all(RE_BUDGET_COLUMN.match(c) for _, c in ne):
        return {i: c for i, c in ne}
    return None


def is_nota(cells: list[str]) -> bool:
    """A 'Nota:' line (the note of the indicator or phase above), in any cell position."""
    ne = filled(cells)
    return bool(ne) and RE_NOTA.match(ne[0]) is not None


# --- values -------------------------------------------------------------------------------


def objective_type_from_raw(raw: str | None) -> str | None:
    """'Obiettivo di miglioramento' -> 'miglioramento'; 'Obiettivo Prioritario' -> 'prioritario'."""
    if not raw:
        return None
    s = re.sub(r"^Obiettivo\s+", "", raw.strip(), flags=re.IGNORECASE).lower()
    s = re.sub(r"^di\s+", "", s)
    return re.sub(r"\s+", " ", s).strip() or None


def budget_column_kind(column_name: str) -> tuple[str | None, str | None]:
    """Flow and nature of a budget column.

    'Spese Correnti' -> ('spesa', 'corrente'); 'Entrate Correnti' -> ('entrata', 'corrente');
    'Spese Investimenti' -> ('spesa', 'investimento').
    """
    low = column_name.lower()
    flow = "entrata" if low.startswith("entrat") else "spesa" if low.startswith("spes") else None
    if "corrent" in low:
        nature = "corrente"
    elif "investiment" in low or "capitale" in low:
        nature = "investimento"
    else:
        nature = None
    return flow, nature
