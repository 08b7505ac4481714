"""Mapping profiles: a YAML file per source says how its CSV/XLSX export maps onto the
template's fields. No Python per source: a new export needs only a profile in
``data/profiles/`` (PLANS_PROFILES_DIR). The language is documented in docs/IMPORT.md and
validated with pydantic in ``profile_language.py``; this module applies a profile: it
recognises an export by its header, reads it, and maps its rows.

An export row is read once and may fill several template sheets: the objectives of each
level of ``obiettivi`` (deduplicated by id), the indicator (``indicatori``), one row of
``anni_indicatori`` (long format: one row per indicator x period x structure, the extra
dimensions kept in ``periodo``, ``responsabile_ruolo`` and ``dettagli``) and one row of each
sheet listed under ``fogli`` (wide exports: budget lines, staff ...). The rows so built are
validated and loaded exactly like a filled template's.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path

from ingest.common import Ledger, ParseError, ParseResult, SourceDocument
from ingest.tabular.build import build
from ingest.tabular.profile_language import (
    Mapping_,
    Profile,
    ProfileError,
    iter_profile_files,
    profile_named,
    profiles,
    profiles_dir,
)
from ingest.tabular.spec import SHEETS_BY_NAME
from ingest.tabular.validate import SheetRow
from ingest.tabular.values import format_it_number

FAMILY = "profilo"
HEADER_RULE = "intestazione_export"

__all__ = [
    "FAMILY",
    "HEADER_RULE",
    "Mapper",
    "ProfileError",
    "header_of",
    "iter_profile_files",
    "match_profile",
    "parse",
    "profile_named",
    "profiles",
    "profiles_dir",
    "read_export",
]


# --- reading an export ------------------------------------------------------------------


def header_of(path: Path, p: Profile) -> list[str] | None:
    """The header row of a file as the profile reads it (None when unreadable)."""
    from ingest.tabular.reader import csv_records, read_xlsx, sniff_delimiter

    if p.file.formato == "csv":  # only the first records: a large export is not read whole
        try:
            with path.open(encoding=p.file.codifica, newline="") as fh:
                head = "".join(islice(fh, p.file.riga_intestazione + 50))
        except (UnicodeDecodeError, LookupError, OSError):
            return None
        head = head.lstrip("\ufeff")
        sep = p.file.delimitatore or sniff_delimiter(head)
        for n, cells in csv_records(head, sep):
            if n == p.file.riga_intestazione:
                return [c.strip() for c in cells]
        return None
    try:
        doc = read_xlsx(path)
    except ParseError:
        return None
    for line, origin in zip(doc.lines, doc.origins or (), strict=False):
        if p.file.formato == "xlsx" and p.file.foglio and origin.sheet != p.file.foglio:
            continue
        if origin.row == p.file.riga_intestazione:
            return [c.strip() for c in line.split("\t")]
    return None


def match_profile(path: Path) -> Profile | None:
    """The profile whose recognised columns the file's header has (by content)."""
    suffix = path.suffix.lower().lstrip(".")
    for p in profiles():
        if p.file.formato != suffix:
            continue
        header = header_of(path, p)
        if header and all(c in header for c in p.riconosci.colonne):
            return p
    return None


def read_export(path: Path, p: Profile) -> SourceDocument:
    from ingest.tabular.reader import read_csv, read_xlsx

    converter = f"profilo:{p.profilo}"
    if p.file.formato == "xlsx":
        doc = read_xlsx(path, converter=converter)
        if p.file.foglio:  # keep the lines of the profile's sheet only
            keep = [i for i, o in enumerate(doc.origins or ()) if o.sheet == p.file.foglio]
            doc = SourceDocument(
                path=doc.path,
                document_id=doc.document_id,
                sha256=doc.sha256,
                lines=tuple(doc.lines[i] for i in keep),
                input_format="xlsx",
                converter=converter,
                origins=tuple((doc.origins or ())[i] for i in keep),
            )
        return doc
    return read_csv(path, p.file.delimitatore, p.file.codifica, converter=converter)


# --- mapping rows -----------------------------------------------------------------------

_NUMERIC_TYPES = {"percentuale", "numero", "importo", "anno", "intero"}
_WS = re.compile(r"\s+")


class _Row:
    """One export record: its cells by column name, after null values and whitespace."""

    def __init__(self, p: Profile, header: list[str], cells: list[str]) -> None:
        self.p = p
        self.values: dict[str, str | None] = {}
        for i, name in enumerate(header):
            raw = cells[i] if i < len(cells) else ""
            text = _WS.sub(" ", raw).strip() if p.file.normalizza_spazi else raw.strip()
            if not text or text in p.valori_nulli.get(name, ()):
                self.values[name] = None
            else:
                self.values[name] = text

    def get(self, column: str) -> str | None:
        return self.values.get(column)


def _source_number(text: str, sep: str) -> Decimal | None:
    """A number written with the export's decimal separator (no thousands separators)."""
    s = text.strip().rstrip("%").strip()
    if sep == ".":
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", s):
            return None
        try:
            return Decimal(s)
        except InvalidOperation:  # pragma: no cover
            return None
    if not re.fullmatch(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?", s):
        return None
    return Decimal(s.replace(".", "").replace(",", "."))


def _split_code(text: str, patterns: list[str]) -> tuple[str | None, str]:
    for pat in patterns:
        m = re.match(pat, text, re.DOTALL)
        if m:
            return m.group("codice").strip(), m.group("titolo").strip()
    return None, text


class Mapper:
    """Builds the template rows of one export, record by record."""

    def __init__(self, p: Profile, doc: SourceDocument, header: list[str]) -> None:
        self.p = p
        self.doc = doc
        self.header = header
        self.where = doc.source_file
        self.rows: dict[str, list[SheetRow]] = {}
        self.seen: dict[tuple[str, str], dict[str, str | None]] = {}
        self.years: list[int] = []
        self.raw: dict[str, str | None] = {}  # the export's cells of the row being mapped

    def _cells(
        self, sheet: str, m: Mapping_, row: _Row
    ) -> tuple[dict[str, str | None], dict[str, str]]:
        cells: dict[str, str | None] = {}
        columns: dict[str, str] = {}
        for fname, col in m.campi.items():
            cells[fname] = self._value(sheet, fname, row.get(col))
            columns[fname] = col
            self.raw[fname] = row.get(col)
        for fname, value in m.costanti.items():
            cells[fname] = str(value)
        return cells, columns

    def _value(self, sheet: str, fname: str, text: str | None) -> str | None:
        """A cell for a template field: numbers re-written in Italian format."""
        if text is None:
            return None
        f = SHEETS_BY_NAME[sheet].field(fname)
        if f.type in _NUMERIC_TYPES or fname in ("target", "risultato"):
            n = _source_number(text, self.p.file.separatore_decimale)
            if n is not None:
                return format_it_number(n) + ("%" if text.rstrip().endswith("%") else "")
        return text

    def _add(
        self,
        sheet: str,
        row_no: int,
        line_no: int,
        cells: dict[str, str | None],
        columns: dict[str, str],
        key: str | None = None,
    ) -> None:
        if key is not None:
            before = self.seen.get((sheet, key))
            if before == cells:
                return  # the same entity named again by another row
            self.seen[(sheet, key)] = cells
        raw = {k: self.raw[k] for k in columns if k in self.raw and self.raw[k] != cells.get(k)}
        self.rows.setdefault(sheet, []).append(
            SheetRow(sheet, row_no, line_no, cells, where=self.where, columns=columns, raw=raw)
        )

    def map(self, row_no: int, line_no: int, row: _Row) -> None:
        parent: str | None = None
        self.raw = {}
        for lv in self.p.obiettivi:
            text = row.get(lv.colonna)
            if text is None:
                continue
            code, title = _split_code(text, lv.codice_da_testo)
            parts = [row.get(c) or "" for c in lv.chiave_con] + [code or title]
            oid = "/".join(parts)
            cells, columns = self._cells("obiettivi", lv, row)
            cells.update(
                {
                    "id_obiettivo": oid,
                    "codice": code,
                    "titolo": title,
                    "livello": lv.livello,
                    "id_padre": parent,
                }
            )
            columns.update({k: lv.colonna for k in ("id_obiettivo", "codice", "titolo")})
            self._add("obiettivi", row_no, line_no, cells, columns, key=oid)
            parent = oid
        ind_id = None
        im = self.p.indicatori
        if im is not None and row.get(im.colonna) is not None:
            text = row.get(im.colonna) or ""
            code, name = _split_code(text, im.codice_da_testo)
            digest = hashlib.sha1(f"{parent}|{text}".encode()).hexdigest()[:10]
            ind_id = f"I-{digest}"
            cells, columns = self._cells("indicatori", im, row)
            cells.update(
                {"id_indicatore": ind_id, "id_obiettivo": parent, "codice": code, "nome": name}
            )
            columns.update({k: im.colonna for k in ("codice", "nome")})
            self._add("indicatori", row_no, line_no, cells, columns, key=ind_id)
        ym = self.p.anni_indicatori
        if ym is not None and ind_id is not None:
            cells, columns = self._cells("anni_indicatori", ym, row)
            cells["id_indicatore"] = ind_id
            for fname in ym.frazioni:
                n = _source_number(
                    row.get(ym.campi.get(fname, "")) or "", self.p.file.separatore_decimale
                )
                if n is not None:
                    cells[fname] = format_it_number(n * 100)
            pr = ym.percentuale
            if pr is not None and row.get(pr.colonna) in pr.valori:
                for fname in pr.campi:
                    v = cells.get(fname)
                    if v is not None and not v.endswith("%") and _source_number(v, ",") is not None:
                        cells[fname] = v + "%"
            details = [f"{c}: {row.get(c)}" for c in ym.dettagli if row.get(c) is not None]
            cells["dettagli"] = "; ".join(details) or None
            self._add("anni_indicatori", row_no, line_no, cells, columns)
            if cells.get("anno") and str(cells["anno"]).isdigit():
                self.years.append(int(str(cells["anno"])))
        for sheet, m in self.p.fogli.items():
            cells, columns = self._cells(sheet, m, row)
            self._add(sheet, row_no, line_no, cells, columns)
            if sheet == "bilancio" and cells.get("anno") and str(cells["anno"]).isdigit():
                self.years.append(int(str(cells["anno"])))

    def document_row(self, line_no: int) -> SheetRow:
        cells = {k: str(v) for k, v in self.p.documento.items()}
        if self.years:
            cells.setdefault("anno_inizio", str(min(self.years)))
            cells.setdefault("anno_fine", str(max(self.years)))
        return SheetRow("documento", 0, line_no, cells, where=f"profilo {self.p.profilo}")


def parse(doc: SourceDocument) -> ParseResult:
    """A profile-mapped export (read by read_export) -> ParseResult."""
    name = (doc.converter or "").removeprefix("profilo:")
    p = profile_named(name)
    ledger = Ledger(doc)
    result = ParseResult(doc.document_id, FAMILY, p.profilo, ledger)
    origins = doc.origins or ()
    header: list[str] | None = None
    mapper: Mapper | None = None
    header_line = 0
    excluded = {e.colonna: e for e in p.righe_escluse}
    for n, (line, origin) in enumerate(zip(doc.lines, origins, strict=True), start=1):
        if origin.row is None or origin.row < p.file.riga_intestazione:
            ledger.unparsed(n, "riga prima dell'intestazione")
            continue
        if origin.row == p.file.riga_intestazione:
            header = [c.strip() for c in line.split("\t")]
            missing = sorted(p.columns_used() - set(header))
            if missing:
                raise ParseError(
                    doc.source_file,
                    n,
                    f"profilo {p.profilo}: mancano le colonne {', '.join(missing)}",
                )
            mapper = Mapper(p, doc, header)
            header_line = n
            ledger.boilerplate(n, HEADER_RULE)
            continue
        assert mapper is not None and header is not None
        row = _Row(p, header, line.split("\t"))
        rule = next(
            (
                e
                for c, e in excluded.items()
                if (row.get(c) or "") in e.valori or (row.get(c) is None and "" in e.valori)
            ),
            None,
        )
        if rule is not None:
            ledger.unparsed(n, f"riga esclusa dal profilo: {rule.motivo}")
            continue
        mapper.map(origin.row, n, row)
    if mapper is None:
        raise ParseError(doc.source_file, None, f"profilo {p.profilo}: intestazione non trovata")
    rows = dict(mapper.rows)
    rows["documento"] = [mapper.document_row(header_line)]
    headers = {s: (s, list(SHEETS_BY_NAME[s].field_names)) for s in rows}
    build(doc, result, rows, headers)
    result.tables["tpl_document"][0]["profile"] = p.profilo
    return result
