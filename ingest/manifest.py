"""The manifest (``data/raw/manifest.csv``): which ente, type, region and period each file is.

A defect of one line belongs to the documents of that line: the line's error is kept in
``Manifest.line_errors`` (its file is quarantined with it) and every other line still counts.
Only a manifest that cannot be read at all (missing columns) raises :class:`ManifestError`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path

ENTE_TYPES = ("Comune", "Unione", "ASC", "ASP", "Consorzio", "Altro")
MANIFEST_COLUMNS = (
    "file",
    "ente_id",
    "ente_name",
    "ente_type",
    "region",
    "province",
    "doc_type",
    "period_start_year",
    "period_end_year",
)
ENTE_FIELDS = ("ente_name", "ente_type", "region", "province")


class ManifestError(Exception):
    """The manifest as a whole cannot be read."""


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    ente_id: str
    ente_name: str
    ente_type: str
    region: str
    province: str
    doc_type: str
    period_start_year: int | None
    period_end_year: int | None
    period_note: str | None = None
    line: int | None = None  # line of manifest.csv (None: described by the document itself)

    def fingerprint(self) -> str:
        """What a refresh compares: a corrected manifest line reloads its document."""
        values = {k: v for k, v in asdict(self).items() if k != "line"}
        return hashlib.sha256(repr(sorted(values.items())).encode()).hexdigest()[:16]


@dataclass
class Manifest:
    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    line_errors: dict[str, str] = field(default_factory=dict)  # file -> error of its line(s)
    warnings: list[str] = field(default_factory=list)

    def get(self, file: str) -> ManifestEntry | None:
        return self.entries.get(file)

    def __contains__(self, file: object) -> bool:
        return file in self.entries

    def __iter__(self):  # noqa: ANN204
        return iter(self.entries)

    def __getitem__(self, file: str) -> ManifestEntry:
        return self.entries[file]

    def __len__(self) -> int:
        return len(self.entries)

    def keys(self):  # noqa: ANN201 - a mapping's keys, so dict(manifest) works
        return self.entries.keys()

    def items(self):  # noqa: ANN201
        return self.entries.items()

    def values(self):  # noqa: ANN201
        return self.entries.values()


def _decode(path: Path, data: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without BOM); else Windows-1252, which office tools write, with a
    warning; never a raw decoding error."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        return text, (
            f"{path.name}:{line}: not UTF-8; read as Windows-1252 (save the manifest as UTF-8 "
            "to be sure of accented letters)"
        )


def _year(value: str | None, column: str) -> int | None:
    v = (value or "").strip()
    if not v:
        return None
    if not (v.isdigit() and len(v) == 4):
        raise ValueError(f"{column} {v!r} is not a year (four digits, e.g. 2023)")
    return int(v)


def _entry(row: dict[str, str], line: int) -> ManifestEntry:
    clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
    if not clean.get("file"):
        raise ValueError("file is empty")
    if not clean.get("ente_id"):
        raise ValueError("ente_id is empty")
    if clean.get("ente_type") not in ENTE_TYPES:
        raise ValueError(
            f"ente_type {clean.get('ente_type')!r} is not one of {', '.join(sorted(ENTE_TYPES))}"
        )
    start = _year(clean.get("period_start_year"), "period_start_year")
    end = _year(clean.get("period_end_year"), "period_end_year")
    if start and end and end < start:
        raise ValueError(f"period_end_year {end} is before period_start_year {start}")
    return ManifestEntry(
        file=clean["file"],
        ente_id=clean["ente_id"],
        ente_name=clean.get("ente_name", ""),
        ente_type=clean["ente_type"],
        region=clean.get("region", ""),
        province=clean.get("province", ""),
        doc_type=clean.get("doc_type", ""),
        period_start_year=start,
        period_end_year=end,
        period_note=clean.get("period_note") or None,
        line=line,
    )


def read_manifest(path: Path) -> Manifest:
    """manifest.csv -> Manifest. Errors name the file and line; a bad line quarantines only
    its own file. A file listed twice with different content, and an ente_id whose name,
    type, region or province differ from its first line, are errors of the later line."""
    manifest = Manifest()
    if not path.exists():
        return manifest
    text, warning = _decode(path, path.read_bytes())
    if warning:
        manifest.warnings.append(warning)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    reader.fieldnames = fields
    missing = [c for c in MANIFEST_COLUMNS if c not in fields]
    if missing:
        raise ManifestError(f"{path.name}:1: missing columns {', '.join(missing)}")
    first_line: dict[str, int] = {}
    ente_first: dict[str, ManifestEntry] = {}
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        file = (row.get("file") or "").strip()
        try:
            entry = _entry(row, line)
        except ValueError as exc:
            manifest.line_errors[file or f"(line {line})"] = f"{path.name}:{line}: {exc}"
            continue
        if file in first_line:
            before = manifest.entries.get(file)
            if before is not None and before.fingerprint() == entry.fingerprint():
                manifest.warnings.append(
                    f"{path.name}:{line}: {file} listed again (same as line {first_line[file]})"
                )
                continue
            manifest.line_errors[file] = (
                f"{path.name}:{line}: {file} is listed twice with different content (lines "
                f"{first_line[file]} and {line}): keep one line"
            )
            manifest.entries.pop(file, None)
            continue
        first_line[file] = line
        known = ente_first.get(entry.ente_id)
        if known is not None:
            differ = [f for f in ENTE_FIELDS if getattr(known, f) != getattr(entry, f)]
            if differ:
                manifest.line_errors[file] = (
                    f"{path.name}:{line}: ente_id {entry.ente_id!r} has another "
                    + ", ".join(f"{f} ({getattr(entry, f)!r})" for f in differ)
                    + f" than on line {known.line} ("
                    + ", ".join(repr(getattr(known, f)) for f in differ)
                    + "): one ente, one description"
                )
                continue
        else:
            ente_first[entry.ente_id] = entry
        manifest.entries[file] = entry
    return manifest
