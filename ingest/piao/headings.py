"""Headings of the body and the lines around them (plain lines, no TAB).

Each ``read_*`` function reads one kind of heading from a line's text and returns its block,
or None; :func:`read_heading` tries them in the document's order of precedence.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.piao.patterns import (
    AREA_RE,
    BULLETS,
    INDICATORI_RE,
    INLINE_STRATEGIC_RE,
    MISSIONE_RE,
    OBIETTIVI_YEAR_RE,
    OBJECTIVE_RE,
    PARAMETRI_RE,
    PROGRAMMA_RE,
    SERVIZIO_RE,
    SEZIONE_RE,
    STRATEGIC_RE,
)

STRATEGICO, OPERATIVO = "strategico", "operativo"


@dataclass(frozen=True)
class AreaHeading:
    n: int
    name: str


@dataclass(frozen=True)
class ServizioHeading:
    n: int
    name: str
    year: int | None = None  # "OBIETTIVI OPERATIVI SPECIFICI <year>" glued to the title


@dataclass(frozen=True)
class Missione:
    """A MISSIONE heading: missione and programma, codes as written and as two digits."""

    code: str
    code_raw: str
    name: str | None
    programma_code: str | None
    programma_code_raw: str | None
    programma_name: str | None
    raw: str


@dataclass(frozen=True)
class MissioneHeading:
    n: int
    missione: Missione
    strategic: str | None = None  # a strategic objective named on the same line


@dataclass(frozen=True)
class ObjectiveHeading:
    n: int
    level: str  # STRATEGICO | OPERATIVO
    title: str
    raw: str


@dataclass(frozen=True)
class YearHeading:
    """'OBIETTIVI OPERATIVI SPECIFICI 2023': the plan year of the objectives below."""

    n: int
    year: int


@dataclass(frozen=True)
class IndicatoriHeading:
    n: int
    title: str | None  # "INDICATORI Servizio Bilancio": the title of the table below


@dataclass(frozen=True)
class ParametriHeading:
    n: int


Heading = (
    AreaHeading
    | ServizioHeading
    | MissioneHeading
    | ObjectiveHeading
    | YearHeading
    | IndicatoriHeading
    | ParametriHeading
)


def code2(raw: str | None) -> str | None:
    """Missione / programma code as a two-digit string ('6' -> '06'); the raw one is kept."""
    return raw.zfill(2) if raw else None


def read_area(n: int, s: str) -> AreaHeading | None:
    m = AREA_RE.match(s)
    return AreaHeading(n, m.group("name").strip()) if m else None


def read_servizio(n: int, s: str) -> ServizioHeading | None:
    """A Servizio heading; a title glued to the next heading ("Servizio UNICO DEL PERSONALE
    OBIETTIVI OPERATIVI SPECIFICI 2023") is split into the servizio and the plan year."""
    m = SERVIZIO_RE.match(s)
    if not m:
        return None
    year = int(m.group("year")) if m.group("year") else None
    return ServizioHeading(n, m.group("name").strip(), year)


def split_inline_strategic(rest: str) -> tuple[str, str | None]:
    """A MISSIONE heading glued to the strategic objective that follows it ("... PROGRAMMA
    06: SERVIZI AUSILIARI ALL'ISTRUZIONE OBIETTIVO STRATEGICO: GARANTIRE ..."): the heading
    without the objective, and the objective's title (None when there is none)."""
    sm = INLINE_STRATEGIC_RE.search(rest)
    if not sm:
        return rest, None
    return rest[: sm.start()], sm.group("title").strip() or None


def read_missione(n: int, s: str) -> MissioneHeading | None:
    """'MISSIONE 12 – DIRITTI SOCIALI ... - PROGRAMMA 2: INTERVENTI PER LA DISABILITÀ'."""
    m = MISSIONE_RE.match(s)
    if not m:
        return None
    rest, strategic = split_inline_strategic(m.group("rest"))
    pm = PROGRAMMA_RE.search(rest)
    if pm:
        name = rest[: pm.start()].strip(" -–:")
        p_raw, p_name = pm.group("code"), pm.group("name").strip(" -–:") or None
    else:
        name, p_raw, p_name = rest.strip(" -–:"), None, None
    missione = Missione(
        code=code2(m.group("code")) or "",
        code_raw=m.group("code"),
        name=name or None,
        programma_code=code2(p_raw),
        programma_code_raw=p_raw,
        programma_name=p_name,
        raw=s,
    )
    return MissioneHeading(n, missione, strategic)


def read_objective(n: int, s: str) -> ObjectiveHeading | None:
    """'OBIETTIVO STRATEGICO: ...' (strategico) or 'OBIETTIVO: ...' (operativo)."""
    m = STRATEGIC_RE.match(s)
    if m:
        return ObjectiveHeading(n, STRATEGICO, m.group("title"), s)
    m = OBJECTIVE_RE.match(s)
    return ObjectiveHeading(n, OPERATIVO, m.group("title"), s) if m else None


def read_other(n: int, s: str) -> YearHeading | IndicatoriHeading | ParametriHeading | None:
    m = OBIETTIVI_YEAR_RE.match(s)
    if m:
        return YearHeading(n, int(m.group("year")))
    m = INDICATORI_RE.match(s)
    if m:
        title = m.group("title")
        return IndicatoriHeading(n, title.strip() if title else None)
    return ParametriHeading(n) if PARAMETRI_RE.match(s) else None


def read_heading(n: int, s: str) -> Heading | None:
    """The heading a plain line is, or None."""
    for reader in (read_area, read_servizio, read_missione, read_objective, read_other):
        heading = reader(n, s)
        if heading is not None:
            return heading
    return None


def is_section_heading(s: str, toc_titles: set[str]) -> bool:
    """A section heading: an upper-case line named in the table of contents, or 'SEZIONE II'."""
    letters = [ch for ch in s if ch.isalpha()]
    upper = bool(letters) and s == s.upper() and len(s) <= 150
    return upper and (s.upper() in toc_titles or bool(SEZIONE_RE.match(s)))


def is_table_title(s: str) -> bool:
    """Under an INDICATORI heading, a short line that is not a sentence names the next table."""
    return len(s) <= 80 and not s.endswith((".", ":", ";"))


def is_narrative(s: str) -> bool:
    """Prose of the plan (a sentence or a list item), no figure of a table."""
    return (
        len(s.split()) >= 4 or s.endswith((".", ":", ";")) or s[:1] in BULLETS or s.startswith("- ")
    )
