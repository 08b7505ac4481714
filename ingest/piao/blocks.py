"""Stages 2b and 2c: the body's lines cut into segments, then read into blocks, in order.

First :func:`segment` cuts the body into table runs (a header and the tabbed lines that
follow it), tabbed lines outside any table and plain lines. Then :func:`read_blocks` reads
the plain lines as headings, objective text, PARAMETRI items, table titles, narrative, and
assembles each table run into rows (:mod:`ingest.piao.rows`). Lines that carry no data get a
note (boilerplate rule or unparsed reason); everything else is in a block. Which area,
servizio or missione a block belongs to is not decided here: the context is carried down by
:mod:`ingest.piao.emit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.piao.headers import (
    AREAS,
    OBJECTIVE,
    ORG,
    SERVICE,
    WEIGHTS,
    Header,
    header_kind,
    is_header_continuation,
    read_header,
    repeats_open_header,
)
from ingest.piao.headings import (
    STRATEGICO,
    AreaHeading,
    IndicatoriHeading,
    MissioneHeading,
    ObjectiveHeading,
    ParametriHeading,
    ServizioHeading,
    YearHeading,
    is_narrative,
    is_section_heading,
    is_table_title,
    read_heading,
)
from ingest.piao.lines import Line, Note, boilerplate, unparsed
from ingest.piao.patterns import LIST_ITEM_RE
from ingest.piao.rows import (
    Row,
    WeightRow,
    assemble_areas,
    assemble_objective,
    assemble_org,
    assemble_service,
    assemble_weights,
)

# --- segments -----------------------------------------------------------------------------


@dataclass
class TableRun:
    """A table header, the tabbed data lines that follow it, and the line before it."""

    kind: str
    header: Line
    intro: Line | None
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Tabbed:
    """A tabbed line outside any table."""

    line: Line


@dataclass(frozen=True)
class Plain:
    line: Line


Segment = TableRun | Tabbed | Plain


def segment(lines: list[Line], start: int) -> tuple[list[Segment], list[Note]]:
    """Cut ``lines[start:]`` into table runs, tabbed lines and plain lines.

    A table goes on while lines are tabbed. Header lines split over several lines and a
    header repeated after a page break stay in the run as notes (``table_header``,
    ``repeated_table_header``); a header of another kind starts a new run.
    """
    segments: list[Segment] = []
    notes: list[Note] = []
    run: TableRun | None = None
    data_seen = False
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.has_tab:
            run = None
            segments.append(Plain(line))
            continue
        kind = header_kind(line.cells)
        if kind:
            if repeats_open_header(run.kind if run else None, data_seen, kind):
                notes.append(boilerplate(line.n, "repeated_table_header"))
            else:
                run = TableRun(kind, line, lines[i - 1] if i else None)
                segments.append(run)
                notes.append(boilerplate(line.n, "table_header"))
            data_seen = False
        elif run is None:
            segments.append(Tabbed(line))
        elif not data_seen and is_header_continuation(line.cells):
            notes.append(boilerplate(line.n, "table_header"))
        else:
            data_seen = True
            run.lines.append(line)
    return segments, notes


# --- blocks -------------------------------------------------------------------------------


@dataclass
class ObjectiveBlock:
    """An objective heading, with the text found between it and its table (kept as written:
    garbled export text, an introduction)."""

    seq: int
    heading: ObjectiveHeading
    extra: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class SectionHeading:
    n: int
    title: str


@dataclass(frozen=True)
class Parametro:
    line: Line
    text: str
    seq: int


@dataclass
class Table:
    """A table with its rows; what the text around it says about it."""

    header: Header
    rows: list[Row] = field(default_factory=list)
    weights: list[WeightRow] = field(default_factory=list)
    intro: Line | None = None  # org: the sentence that gives the scope
    title: tuple[str, int] | None = None  # service: the title line above it
    objective_seq: int | None = None  # objective: the objective it belongs to


Block = (
    AreaHeading
    | ServizioHeading
    | MissioneHeading
    | YearHeading
    | SectionHeading
    | ObjectiveBlock
    | Parametro
    | Table
)


def keep_on_objective(objective: ObjectiveBlock, line: Line) -> None:
    """Text between an OBIETTIVO heading and its table (garbled export text such as
    "BILLITYO, SYLEGITO BELLE AZIONI ...", "7.55.67.2.7.2.7.7..."): kept as written on the
    objective (``extra_text_raw``), never read as a heading or a row."""
    objective.extra.append(line)


def build_table(run: TableRun) -> tuple[Table, list[Note]]:
    """The rows of a table run."""
    header = read_header(run.header, run.kind)
    table = Table(header, intro=run.intro)
    if run.kind == WEIGHTS:
        table.weights, notes = assemble_weights(run.lines)
    elif run.kind == ORG:
        table.rows, notes = assemble_org(header, run.lines)
    elif run.kind == AREAS:
        table.rows, notes = assemble_areas(run.lines)
    elif run.kind == OBJECTIVE:
        table.rows, notes = assemble_objective(header, run.lines)
    else:
        table.rows, notes = assemble_service(header, run.lines)
    return table, notes


def read_blocks(segments: list[Segment], toc_titles: set[str]) -> tuple[list[Block], list[Note]]:
    """The blocks of the body, in document order.

    Local state, reset by every heading: the operational objective in force (its tables'
    rows belong to it) and whether its table has started (until then text lines are kept on
    it), the INDICATORI section (short lines title the next table) and the PARAMETRI list.
    """
    blocks: list[Block] = []
    notes: list[Note] = []
    objective: ObjectiveBlock | None = None  # rows of objective tables belong to it
    attaching: ObjectiveBlock | None = None  # the same, until its first table
    indicatori = False
    pending_title: tuple[str, int] | None = None
    parametri = False
    param_seq = obj_seq = 0

    def new_objective(heading: ObjectiveHeading) -> ObjectiveBlock:
        nonlocal obj_seq
        obj_seq += 1
        block = ObjectiveBlock(obj_seq, heading)
        blocks.append(block)
        return block

    for seg in segments:
        if isinstance(seg, TableRun):
            table, table_notes = build_table(seg)
            notes.extend(table_notes)
            if seg.kind == OBJECTIVE:
                attaching = None
                table.objective_seq = objective.seq if objective else None
            elif seg.kind == SERVICE:
                table.title, pending_title = pending_title, None
            blocks.append(table)
            continue
        line = seg.line
        if isinstance(seg, Tabbed):
            if attaching is not None:
                keep_on_objective(attaching, line)
            else:
                notes.append(unparsed(line.n, "tabbed line outside any table"))
            continue
        n, s = line.n, line.s
        if parametri:
            m = LIST_ITEM_RE.match(s)
            if m:
                param_seq += 1
                blocks.append(Parametro(line, m.group("text"), param_seq))
                continue
            parametri = False
        heading = read_heading(n, s)
        if heading is not None:  # every heading ends the blocks above it
            objective = attaching = None
            indicatori, pending_title, parametri = False, None, False
            if isinstance(heading, ObjectiveHeading):
                block = new_objective(heading)
                if heading.level != STRATEGICO:
                    objective = attaching = block
                continue
            if isinstance(heading, IndicatoriHeading):
                indicatori = True
                pending_title = (heading.title, n) if heading.title else None
            elif isinstance(heading, ParametriHeading):
                parametri, param_seq = True, 0
            else:
                blocks.append(heading)
            notes.append(boilerplate(n, _HEADING_RULES[type(heading)]))
            if isinstance(heading, MissioneHeading) and heading.strategic:
                new_objective(ObjectiveHeading(n, STRATEGICO, heading.strategic, s))
            continue
        if indicatori and is_table_title(s):
            pending_title = (s, n)
            notes.append(boilerplate(n, "table_title"))
        elif attaching is not None:
            keep_on_objective(attaching, line)
        elif is_section_heading(s, toc_titles):
            objective = attaching = None
            indicatori, pending_title, parametri = False, None, False
            blocks.append(SectionHeading(n, s))
            notes.append(boilerplate(n, "section_heading"))
        elif is_narrative(s):
            notes.append(boilerplate(n, "narrative_text"))
        else:
            notes.append(unparsed(n, "unrecognised line"))
    return blocks, notes


_HEADING_RULES = {
    AreaHeading: "area_heading",
    ServizioHeading: "servizio_heading",
    MissioneHeading: "missione_heading",
    YearHeading: "section_heading",
    IndicatoriHeading: "section_heading",
    ParametriHeading: "section_heading",
}
