"""Normalise the names of responsible people as the documents write them.

"dott. Luigino BOARIN" -> name "Luigino Boarin", title "dott."
"Comandante dott. Luca DI NIQUILI" -> "Luca Di Niquili", title "Comandante dott."
"dott. Luigino BOARIN (Responsabile Servizio Finanziario)" -> role "Responsabile Servizio
Finanziario". The order of given name and surname is kept as written (documents differ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles and ranks that precede a name; matched case-insensitively as whole tokens.
TITLE_TOKENS = (
    r"dott\.ssa",
    r"dott\.",
    r"dr\.ssa",
    r"dr\.",
    r"d\.ssa",
    r"ing\.",
    r"geom\.",
    r"arch\.",
    r"avv\.",
    r"prof\.ssa",
    r"prof\.",
    r"rag\.",
    r"sig\.ra",
    r"sig\.",
    r"comandante",
    r"isp\.\s+superiore",
    r"isp\.",
    r"ispettore\s+superiore",
    r"ispettore",
    r"istr\.\s+direttivo\s+amm\.vo",
    r"istr\.",
)
_TITLE_RE = re.compile(r"^(?:" + "|".join(TITLE_TOKENS) + r")(?=\s|$)", re.IGNORECASE)
_PAREN_RE = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class PersonName:
    name: str  # normalised
    title: str | None  # titles removed, as written
    role: str | None  # role given in parentheses, if any


def _cap_word(word: str) -> str:
    parts = re.split(r"(['’-])", word)
    return "".join(p[:1].upper() + p[1:].lower() if p not in "'’-" else p for p in parts)


def title_case(text: str) -> str:
    """'DI NIQUILI' -> 'Di Niquili'; "D'ANGELO" -> "D'Angelo"."""
    return " ".join(_cap_word(w) for w in text.split())


def normalise_person(raw: str) -> PersonName:
    """Split titles and a parenthesised role off a person's name; consistent case."""
    text = " ".join(raw.replace("\u00a0", " ").split())
    role = None
    m = _PAREN_RE.search(text)
    if m:
        role = m.group(1).strip() or None
        text = (text[: m.start()] + text[m.end() :]).strip()
    titles: list[str] = []
    while True:
        m = _TITLE_RE.match(text)
        if not m:
            break
        titles.append(m.group(0))
        text = text[m.end() :].strip()
    return PersonName(name=title_case(text), title=" ".join(titles) if titles else None, role=role)


def slug(text: str) -> str:
    """A stable ASCII identifier: 'Comune di Reggio Emilia' -> 'comune-di-reggio-emilia'."""
    import unicodedata

    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
