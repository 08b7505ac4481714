"""Matching the indicators of two plan editions: by identifier code, then by title."""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd

from dashboards.fmt import is_missing

STOPWORDS = frozenset(
    {
        "a",
        "ad",
        "al",
        "alla",
        "alle",
        "allo",
        "agli",
        "ai",
        "all",
        "anche",
        "che",
        "chi",
        "con",
        "col",
        "da",
        "dal",
        "dalla",
        "dalle",
        "dallo",
        "dagli",
        "dai",
        "dall",
        "dei",
        "degli",
        "del",
        "della",
        "delle",
        "dello",
        "di",
        "e",
        "ed",
        "entro",
        "i",
        "il",
        "in",
        "la",
        "le",
        "lo",
        "nel",
        "nella",
        "nelle",
        "nello",
        "negli",
        "nei",
        "nell",
        "o",
        "od",
        "per",
        "su",
        "sul",
        "sulla",
        "sulle",
        "sullo",
        "sugli",
        "sui",
        "sull",
        "tra",
        "fra",
        "un",
        "una",
        "uno",
        "gli",
        "l",
        "d",
        "dell",
        "n",
        "almeno",
        "anno",
        "annuale",
    }
)
MATCH_THRESHOLD = 0.35
STEM_LENGTH = 6
_ORDINAL_CODE = re.compile(r"^\d{1,2}$")


def normalise_title(text: object) -> list[str]:
    """Lower case, no accents, no punctuation, no Italian stop words."""
    if is_missing(text):
        return []
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return [w for w in s.split() if w not in STOPWORDS and len(w) > 1]


def title_similarity(a: object, b: object) -> tuple[float, float, float]:
    """(score, jaccard, ratio): score is the mean of the Jaccard index of the word stems (first
    6 letters) and difflib's SequenceMatcher ratio of the normalised titles."""
    ta, tb = normalise_title(a), normalise_title(b)
    if not ta or not tb:
        return 0.0, 0.0, 0.0
    sa, sb = {w[:STEM_LENGTH] for w in ta}, {w[:STEM_LENGTH] for w in tb}
    jaccard = len(sa & sb) / len(sa | sb)
    ratio = difflib.SequenceMatcher(None, " ".join(ta), " ".join(tb)).ratio()
    return (jaccard + ratio) / 2, jaccard, ratio


def is_identifier_code(code: object) -> bool:
    """A code that identifies an indicator across editions (e.g. 'M_8501_1_1'); a bare ordinal
    such as '1' or '12' (the position in a scheda) does not."""
    if is_missing(code):
        return False
    s = str(code).strip()
    return bool(s) and not _ORDINAL_CODE.match(s)


MATCH_COLUMNS = [
    "indicator_id_a",
    "code_a",
    "name_a",
    "indicator_id_b",
    "code_b",
    "name_b",
    "method",
    "score",
    "jaccard",
    "ratio",
]


def match_indicators(
    left: pd.DataFrame, right: pd.DataFrame, threshold: float = MATCH_THRESHOLD
) -> pd.DataFrame:
    """One-to-one matches between the indicators of two editions: first by identical
    identifier code, then greedily by descending title similarity at or above the threshold.
    Frames need indicator_id, code and name."""
    if left is None or right is None or left.empty or right.empty:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    rows: list[dict] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    by_code_b: dict[str, dict] = {}
    for r in right.to_dict("records"):
        if is_identifier_code(r.get("code")):
            by_code_b.setdefault(str(r["code"]).strip().upper(), r)
    for a in left.to_dict("records"):
        if not is_identifier_code(a.get("code")):
            continue
        b = by_code_b.get(str(a["code"]).strip().upper())
        if b is None or b["indicator_id"] in used_b:
            continue
        score, jac, rat = title_similarity(a.get("name"), b.get("name"))
        rows.append(_match_row(a, b, "codice", 1.0, jac, rat))
        used_a.add(a["indicator_id"])
        used_b.add(b["indicator_id"])
    candidates = []
    rights = [r for r in right.to_dict("records") if r["indicator_id"] not in used_b]
    for a in left.to_dict("records"):
        if a["indicator_id"] in used_a:
            continue
        for b in rights:
            score, jac, rat = title_similarity(a.get("name"), b.get("name"))
            if score >= threshold:
                candidates.append((score, jac, rat, a, b))
    candidates.sort(key=lambda c: (-c[0], str(c[3]["indicator_id"]), str(c[4]["indicator_id"])))
    for score, jac, rat, a, b in candidates:
        if a["indicator_id"] in used_a or b["indicator_id"] in used_b:
            continue
        rows.append(_match_row(a, b, "titolo", score, jac, rat))
        used_a.add(a["indicator_id"])
        used_b.add(b["indicator_id"])
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.sort_values(["method", "score"], ascending=[True, False]).reset_index(drop=True)


def _match_row(a: dict, b: dict, method: str, score: float, jac: float, rat: float) -> dict:
    return {
        "indicator_id_a": a["indicator_id"],
        "code_a": a.get("code"),
        "name_a": a.get("name"),
        "indicator_id_b": b["indicator_id"],
        "code_b": b.get("code"),
        "name_b": b.get("name"),
        "method": method,
        "score": round(float(score), 3),
        "jaccard": round(float(jac), 3),
        "ratio": round(float(rat), 3),
    }
