"""Write a loaded document as a filled template (``plans export-template DOCUMENT_ID``).

The marts are read (read-only) and every row goes to its template sheet with the text the
document wrote (target_raw, amount_raw, the % as written ...), so that the template loaded
again gives the same mart rows. Ids become template ids: the mart id without the document
prefix ("003_...:obiettivo:A1" -> "A1", "000_...:scheda:1" -> "scheda:1").
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from ingest.tabular.values import format_it_number

Rows = dict[str, list[dict[str, str | None]]]


class ExportError(Exception):
    pass


def _key(document_id: str, mart_id: str | None, kind: str) -> str | None:
    if mart_id is None:
        return None
    key = mart_id.removeprefix(f"{document_id}:")
    return key.removeprefix(f"{kind}:")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, (Decimal, float)):
        return format_it_number(value)
    return str(value)


def _raw_or(raw: str | None, value: Any) -> str | None:
    """The text the document wrote, else the value in Italian format."""
    return raw if raw is not None and raw.strip() else _text(value)


def _query(con: duckdb.DuckDBPyConnection, sql: str, document_id: str) -> list[dict[str, Any]]:
    rel = con.sql(sql, params=[document_id])
    cols = rel.columns
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def _people(
    con: duckdb.DuckDBPyConnection, document_id: str, subject_type: str
) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"persona": [], "ruolo": []})
    rows = _query(
        con,
        "select subject_id, name, kind from intermediate.int_responsabile_assignments "
        f"where document_id = ? and subject_type = '{subject_type}' "
        "order by subject_id, person_seq, name",
        document_id,
    )
    for r in rows:
        names = out[r["subject_id"]][r["kind"]]
        if r["name"] not in names:
            names.append(r["name"])
    return out


def template_rows(con: duckdb.DuckDBPyConnection, document_id: str) -> Rows:
    """The template rows of one loaded document, sheet by sheet."""
    docs = _query(
        con,
        "select d.*, e.ente_name, e.ente_type, e.region, e.province from marts.dim_document d "
        "join marts.dim_ente e using (ente_id) where d.document_id = ?",
        document_id,
    )
    if not docs:
        raise ExportError(f"no document {document_id!r} in the warehouse")
    d = docs[0]
    doc = document_id
    rows: Rows = {
        "documento": [
            {
                "ente_id": d["ente_id"],
                "ente_nome": d["ente_name"],
                "tipo_ente": d["ente_type"],
                "regione": d["region"],
                "provincia": d["province"],
                "tipo_documento": d["doc_type"],
                "titolo": d["doc_title"],
                "anno_inizio": _text(d["period_start_year"]),
                "anno_fine": _text(d["period_end_year"]),
            }
        ]
    }
    obj_people = _people(con, doc, "objective")
    rows["obiettivi"] = [
        {
            "id_obiettivo": _key(doc, o["objective_id"], "obiettivo"),
            "codice": o["code"],
            "titolo": o["title"],
            "livello": o["level"],
            "tipo_obiettivo": o["objective_type"],
            "id_padre": _key(doc, o["parent_objective_id"], "obiettivo"),
            "peso_pct": _text(o["weight_pct"]),
            "cdr": o["cdr_code"],
            "missione": o["missione"],
            "missione_nome": o["missione_name"],
            "programma": o["programma"],
            "programma_nome": o["programma_name"],
            "area": o["area_name"],
            "servizio": o["servizio"],
            "responsabile": "; ".join(obj_people[o["objective_id"]]["persona"]) or None,
            "responsabile_ruolo": "; ".join(obj_people[o["objective_id"]]["ruolo"]) or None,
        }
        for o in _query(
            con,
            "select * from marts.dim_objective where document_id = ? "
            "order by source_line, objective_id",
            doc,
        )
    ]
    rows["indicatori"] = [
        {
            "id_indicatore": _key(doc, i["indicator_id"], "indicatore"),
            "id_obiettivo": _key(doc, i["objective_id"], "obiettivo"),
            "codice": i["code"],
            "nome": i["name"],
            "dimensione": i["dimension"],
            "formula": i["formula"],
            "note": i["note"],
            "ambito": i["scope"],
            "servizio": i["servizio"],
        }
        for i in _query(
            con,
            "select * from marts.dim_indicator where document_id = ? "
            "order by source_line, indicator_id",
            doc,
        )
    ]
    rows["anni_indicatori"] = [
        {
            "id_indicatore": _key(doc, y["indicator_id"], "indicatore"),
            "anno": _text(y["year"]),
            "target": y["target_raw"],
            "risultato": y["actual_raw"],
            "raggiungimento_pct": _text(y["achievement_pct"]),
            "responsabile": y["persone"],
            "responsabile_ruolo": y["ruoli"],
            "periodo": y["period"],
            "dettagli": y["details"],
        }
        for y in _query(
            con,
            """
            select f.indicator_id, f.year, f.period, f.variant_seq,
                any_value(f.target_raw) as target_raw, any_value(f.actual_raw) as actual_raw,
                any_value(f.achievement_pct) as achievement_pct,
                any_value(f.details) as details,
                string_agg(r.name, '; ' order by r.name) filter (where r.kind = 'persona')
                    as persone,
                string_agg(r.name, '; ' order by r.name) filter (where r.kind = 'ruolo')
                    as ruoli,
                min(f.source_line) as source_line
            from marts.fct_indicator_year f
            left join marts.dim_responsabile r using (responsabile_id)
            where f.document_id = ? and f.year is not null
            group by f.indicator_id, f.year, f.period, f.variant_seq
            order by min(f.source_line), f.indicator_id, f.year, f.period, f.variant_seq
            """,
            doc,
        )
    ]
    actions = _query(
        con,
        "select * from marts.fct_action_year where document_id = ? "
        "order by objective_id, action_seq, year",
        doc,
    )
    seen: set[str] = set()
    rows["azioni"], rows["anni_azioni"] = [], []
    for a in actions:
        key = _key(doc, a["action_id"], "azione")
        if a["action_id"] not in seen:
            seen.add(a["action_id"])
            rows["azioni"].append(
                {
                    "id_azione": key,
                    "id_obiettivo": _key(doc, a["objective_id"], "obiettivo"),
                    "numero": a["action_no"],
                    "descrizione": a["description"],
                    "risultato_atteso": a["expected_result"],
                    "innovazione": _text(a["is_innovation"]),
                }
            )
        rows["anni_azioni"].append(
            {
                "id_azione": key,
                "anno": _text(a["year"]),
                "prevista": _text(a["planned"]),
                "cella": a["cell_raw"],
            }
        )
    rows["fasi"] = [
        {
            "id_obiettivo": _key(doc, s["objective_id"], "obiettivo"),
            "codice_fase": s["step_code"],
            "descrizione": s["description"],
            "scadenza": _raw_or(
                s["deadline_raw"], s["deadline"] and s["deadline"].strftime("%d/%m/%Y")
            ),
            "indicatore": s["indicator"],
            "peso_obiettivo_pct": _raw_or(
                s["weight_in_objective_raw"], s["weight_in_objective_pct"]
            ),
            "peso_anno_pct": _raw_or(s["weight_in_year_raw"], s["weight_in_year_pct"]),
            "anno": _text(s["year"]),
            "raggiungimento_pct": _raw_or(s["achievement_raw"], s["achievement_pct"]),
            "verifica": s["verification"],
        }
        for s in _query(
            con,
            "select * from marts.fct_objective_step where document_id = ? "
            "order by objective_id, step_seq, source_line",
            doc,
        )
    ]
    rows["bilancio"] = [
        {
            "anno": _text(b["year"]),
            "cdr": b["cdr_code"],
            "progetto": b["project_code"],
            "capitolo": b["capitolo"],
            "articolo": b["articolo"],
            "descrizione": b["capitolo_description"],
            "voce": b["column_name"],
            "flusso": b["flow"],
            "natura": b["nature"],
            "importo": _raw_or(b["amount_raw"], b["amount_eur"]),
            "blocco": _text(b["block_seq"]),
        }
        for b in _query(
            con,
            "select * from marts.fct_budget_capitolo where document_id = ? order by source_line",
            doc,
        )
    ]
    rows["progetti"] = [
        {
            "cdr": p["cdr_code"],
            "nome_cdr": p["cdr_name"],
            "codice_progetto": p["project_code"],
            "nome_progetto": p["project_name"],
            "anno": _text(p["year"]),
            "indirizzo": p["indirizzo"],
            "obiettivo_strategico": p["obiettivo_strategico"],
            "azione": p["azione"],
            "budget": _raw_or(p["budget_raw"], p["budget_eur"]),
            "assorbimento_pct": _raw_or(p["absorption_raw"], p["absorption_pct"]),
        }
        for p in _query(
            con,
            "select * from marts.fct_project_budget where document_id = ? "
            "order by source_line, row_seq",
            doc,
        )
    ]
    rows["personale"] = [
        {
            "progetto": s["project_code"],
            "nome": s["person_name"],
            "ruolo": s["role"],
            "impegno_pct": _raw_or(s["allocation_raw"], s["allocation_pct"]),
        }
        for s in _query(
            con,
            "select * from marts.fct_staff_allocation where document_id = ? order by source_line",
            doc,
        )
    ]
    rows["pesi"] = [
        {
            "gruppo": w["weight_group"],
            "voce": w["item"],
            "peso_pct": _raw_or(w["weight_raw"], w["weight_pct"]),
        }
        for w in _query(
            con,
            "select * from marts.fct_plan_weight where document_id = ? order by source_line",
            doc,
        )
    ]
    return rows


def export_document(db_path: Path, document_id: str, out: Path) -> Path:
    """Write ``document_id`` of the warehouse ``db_path`` as a filled template: a workbook
    when ``out`` ends in .xlsx, otherwise a folder of CSV files."""
    from ingest.tabular.writer import write_csv_folder, write_xlsx

    if not db_path.exists():
        raise ExportError(f"no warehouse at {db_path} (run plans build first)")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = template_rows(con, document_id)
    except duckdb.CatalogException as exc:
        raise ExportError(f"{db_path} has no marts (run plans build first): {exc}") from exc
    finally:
        con.close()
    if out.suffix.lower() == ".xlsx":
        return write_xlsx(out, rows, example=False)
    return write_csv_folder(out, rows, example=False)
