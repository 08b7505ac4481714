"""The profile language: what a YAML mapping profile of ``data/profiles/`` may say
(PLANS_PROFILES_DIR), validated with pydantic (an unknown key or a wrong type is an error
naming the file), and the profiles of the folder, loaded once per change of their files.
The language is documented in docs/IMPORT.md; ``profiles.py`` applies a profile to an export.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ingest.tabular.spec import SHEETS_BY_NAME

_ROOT = Path(__file__).resolve().parents[2]


def profiles_dir() -> Path:
    value = os.environ.get("PLANS_PROFILES_DIR")
    p = Path(value) if value else _ROOT / "data" / "profiles"
    return p if p.is_absolute() else _ROOT / p


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FileOptions(_Model):
    formato: Literal["csv", "xlsx"] = "csv"
    delimitatore: str | None = None  # CSV: default sniffed from the header line
    codifica: str = "utf-8"
    separatore_decimale: Literal[",", "."] = ","
    riga_intestazione: int = Field(1, ge=1)
    foglio: str | None = None  # xlsx: the sheet to read (default: the first)
    normalizza_spazi: bool = True  # runs of spaces and line breaks in a cell -> one space


class Recognise(_Model):
    colonne: list[str] = Field(min_length=1)  # header columns that must all be present


class Exclusion(_Model):
    colonna: str
    valori: list[str]
    motivo: str


class Mapping_(_Model):
    campi: dict[str, str] = {}  # template field -> export column
    costanti: dict[str, str] = {}  # template field -> constant value


class Level(Mapping_):
    livello: str
    colonna: str  # the column naming the objective (code and title, or title alone)
    codice_da_testo: list[str] = []  # regexes with groups (?P<codice>) and (?P<titolo>)
    chiave_con: list[str] = []  # columns whose values are part of the objective's id

    @field_validator("codice_da_testo")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for p in v:
            groups = re.compile(p).groupindex
            if "codice" not in groups or "titolo" not in groups:
                raise ValueError(f"{p!r}: needs the groups (?P<codice>...) and (?P<titolo>...)")
        return v


class IndicatorMap(Mapping_):
    colonna: str  # the column naming the indicator
    codice_da_testo: list[str] = []

    _patterns = field_validator("codice_da_testo")(Level._patterns.__func__)  # type: ignore[attr-defined]


class PercentRule(_Model):
    colonna: str
    valori: list[str]
    campi: list[str]


class IndicatorYearMap(Mapping_):
    frazioni: list[str] = []  # fields holding 0-1 fractions, written as 0-100
    percentuale: PercentRule | None = None  # when numbers of some fields are percentages
    dettagli: list[str] = []  # export columns kept, as "colonna: valore; ..."


class Profile(_Model):
    profilo: str
    descrizione: str = ""
    riconosci: Recognise
    file: FileOptions = FileOptions()
    valori_nulli: dict[str, list[str]] = {}
    righe_escluse: list[Exclusion] = []
    documento: dict[str, str | int]
    obiettivi: list[Level] = []
    indicatori: IndicatorMap | None = None
    anni_indicatori: IndicatorYearMap | None = None
    fogli: dict[str, Mapping_] = {}

    @field_validator("fogli")
    @classmethod
    def _sheets(cls, v: dict[str, Mapping_]) -> dict[str, Mapping_]:
        for name in v:
            if name not in SHEETS_BY_NAME or name in ("documento", "obiettivi", "indicatori"):
                raise ValueError(f"fogli: {name!r} is not a template sheet a row can fill")
        return v

    def columns_used(self) -> set[str]:
        cols = set(self.riconosci.colonne)
        for lv in self.obiettivi:
            cols |= {lv.colonna, *lv.chiave_con, *lv.campi.values()}
        if self.indicatori:
            cols |= {self.indicatori.colonna, *self.indicatori.campi.values()}
        if self.anni_indicatori:
            cols |= {*self.anni_indicatori.campi.values(), *self.anni_indicatori.dettagli}
            if self.anni_indicatori.percentuale:
                cols.add(self.anni_indicatori.percentuale.colonna)
        for m in self.fogli.values():
            cols |= set(m.campi.values())
        return cols


class ProfileError(Exception):
    pass


def load_profile(path: Path) -> Profile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Profile.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise ProfileError(f"{path.name}: invalid profile: {exc}") from exc


@cache
def _profiles(folder: str, stamp: tuple[tuple[str, float], ...]) -> tuple[Profile, ...]:
    return tuple(load_profile(Path(folder) / name) for name, _ in stamp)


def profiles(folder: Path | None = None) -> tuple[Profile, ...]:
    folder = folder or profiles_dir()
    if not folder.is_dir():
        return ()
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    return _profiles(str(folder), tuple((p.name, p.stat().st_mtime) for p in files))


def profile_named(name: str) -> Profile:
    for p in profiles():
        if p.profilo == name:
            return p
    raise ProfileError(f"no profile named {name!r} in {profiles_dir()}")


def iter_profile_files(folder: Path | None = None) -> Iterator[Path]:
    folder = folder or profiles_dir()
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
