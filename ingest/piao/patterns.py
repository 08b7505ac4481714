"""Names, patterns and vocabularies of the PIAO performance layout (no logic)."""

from __future__ import annotations

import re

FAMILY = "piao"
LAYOUT = "piao_performance"

# raw tables, one per kind of record
T_WEIGHTS = "piao_weights"
T_ORG = "piao_org_indicators"
T_AREAS = "piao_areas"
T_OBJ = "piao_objectives"
T_ROWS = "piao_objective_rows"
T_SVC = "piao_service_indicators"
T_PARAM = "piao_parametri"

_UP = "A-ZÀ-Ý"

# title block and table of contents
TITLE_PERIOD_RE = re.compile(r"\bPIAO\s+(\d{4})\s*[-–]\s*(\d{4})\b")
SOTTOSEZIONE_RE = re.compile(r"\b(Sottosezione\s+\d+(?:\.\d+)*\.?\s+\S.*)$", re.IGNORECASE)
INDICE_RE = re.compile(r"^(Indice|INDICE|Sommario|SOMMARIO)$")

# headings of the body
AREA_RE = re.compile(rf"^(?:Area|AREA)\s+(?P<name>[{_UP}][{_UP}0-9'’ ,.\-–/()]*)$")
SERVIZIO_RE = re.compile(
    rf"^(?:Servizio|SERVIZIO)\s+(?P<name>[{_UP}0-9][{_UP}0-9'’ ,.\-–/()]*?)"
    r"(?:\s+OBIETTIVI\s+OPERATIVI\s+SPECIFICI\s+(?P<year>\d{4}))?$"
)
MISSIONE_RE = re.compile(r"^MISSIONE\s+(?P<code>\d{1,2})\b\s*[:.\-–]?\s*(?P<rest>.*)$")
PROGRAMMA_RE = re.compile(
    r"\s*[-–]?\s*\bPROGRAMMA\s+(?P<code>\d{1,2})\b\s*[:.\-–]?\s*(?P<name>.*)$"
)
INLINE_STRATEGIC_RE = re.compile(r"\s*\bOBIETTIVO\s+STRATEGICO\s*:?\s*(?P<title>.*)$")
STRATEGIC_RE = re.compile(r"^OBIETTIVO\s+STRATEGICO\s*:?\s*(?P<title>.+)$", re.IGNORECASE)
OBJECTIVE_RE = re.compile(
    r"^(?:OBIETTIVO\s*:|Obiettivo\s*:|OBIETTIVO\s+(?!STRATEGICO\b))\s*(?P<title>\S.*)$"
)
OBIETTIVI_YEAR_RE = re.compile(r"^OBIETTIVI\s+OPERATIVI\s+SPECIFICI\s+(?P<year>\d{4})$")
INDICATORI_RE = re.compile(r"^INDICATORI(?:\s+(?P<title>\S.*))?$")
PARAMETRI_RE = re.compile(r"^PARAMETRI\s*:?$")
SEZIONE_RE = re.compile(r"^SEZIONE\s+[IVX\d]+$")

# items and values
LIST_ITEM_RE = re.compile(r"^[-–•*]\s+(?P<text>\S.*)$")
PARAM_VALUE_RE = re.compile(r"\((?P<value>\d{1,3}(?:\.\d{3})+|\d+)\s+al\s+(?P<date>[\d./]+)\)")
PARAM_DATE_RE = re.compile(r"\bal\s+(?P<date>\d{1,2}[./]\d{1,2}[./]\d{2,4})\b")
PCT_RE = re.compile(r"^\d+(?:,\d+)?\s*%$")
YEAR_RE = re.compile(r"\b(20\d{2})\b")

# table cells
RISK_RE = re.compile(
    r"^(?:(?:RISCHIO|CORRUTTIVO|VALUTAZIONE|CRITICIT(?:A['’]|À))\s*)*"
    r"(?P<risk>BASSA|BASSO|MEDIA|MEDIO|ALTA|ALTO)$",
    re.IGNORECASE,
)
HEADER_WORDS = {
    "RISCHIO",
    "CORRUTTIVO",
    "VALUTAZIONE",
    "CRITICITA'",
    "CRITICITA’",
    "CRITICITÀ",
    "PERFORMANCE",
    "PEG",
    "RESPONSABILE",
}
LABEL_RE = re.compile(r"^(?:(?:\d{1,2}|[a-z])\)\s*)+$")
ITEM_RE = re.compile(r"^(?P<label>(?:\d{1,2}|[a-z])\))\s+\S")
BULLETS = {"•", "-", "–", "❖", "●", "▪", "*"}
