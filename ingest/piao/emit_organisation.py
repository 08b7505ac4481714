"""Records of Sezione I, the organisational performance: the weights of its levels
(``piao_weights``) and the ente / struttura indicators (``piao_org_indicators``)."""

from __future__ import annotations

from ingest.common import ParseResult
from ingest.common import try_parse_it_decimal as it_decimal
from ingest.piao.blocks import Table
from ingest.piao.defects import org_scope
from ingest.piao.headers import weight_group
from ingest.piao.patterns import T_ORG, T_WEIGHTS
from ingest.piao.rows import add_row


def emit_weights(result: ParseResult, table: Table) -> None:
    """One record per level; the header (it names the group) is mapped with them."""
    group = weight_group(table.header.cells[0])
    result.ledger.map(table.header.line, T_WEIGHTS)
    for w in table.weights:
        record = {
            "weight_group": group,
            "item": w.item,
            "weight_raw": w.raw,
            "weight_pct": it_decimal(w.raw),
        }
        result.add(T_WEIGHTS, record, w.line)


def table_scope(table: Table) -> str | None:
    """The scope of an org-indicator table, from the line just above its header."""
    return org_scope(table.intro.s) if table.intro is not None else None


def emit_org_indicators(result: ParseResult, table: Table, seqs: dict[str | None, int]) -> None:
    """One record per indicator, numbered per scope across tables (``seqs`` goes on); the
    sentence that gives the scope is mapped with them."""
    scope = table_scope(table)
    if scope and table.intro is not None:
        result.ledger.map(table.intro.n, T_ORG)
    for row in table.rows:
        seqs[scope] = seqs.get(scope, 0) + 1
        garbled = bool(row.garbled)
        record = {
            "scope": scope,
            "indicator_seq": seqs[scope],
            "name": row.get("name"),
            "definition": row.get("definition"),
            "target_raw": row.get("target"),
            "garbled": garbled,
            "raw_text": "\n".join(row.garbled) if garbled else None,
        }
        add_row(result, T_ORG, record, row)
