"""The samples' real contradictions, found by the consistency checks with their figures, and
no check firing where the figures add up. Each expected row was read off the document."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

PEG = "003_51402a20550dfbf2"
SA = "004_b40c0b7f81374021"
ASC25 = "001_873564630502075e"
PIAO = "002_142f2b20942e7c60"


def _failures(wh) -> set[tuple]:
    rows = wh.sql(
        "select document_id, check_name, subject_key, observed, expected, severity "
        "from audit.dq_results where run_id = (select max(run_id) from audit.dq_results) "
        "and not passed"
    ).fetchall()
    return {tuple(r) for r in rows}


# PEG, CDR 85: the projects of "Sanità e Welfare" carry 1,47 + 2,85 + 1,02 + 23,82 + 8,32 +
# 0,16 + 48,25 + 8,28 + 3,18 = 97,35 %, but its Totale Obiettivo (line 47) and Totale
# Indirizzo (line 48) declare 100,00 %. CDR 87: 67,72 % declared on lines 1550 and 1551
# where the rows give 62,07 % (Sanità e Welfare) and 67,47 % (5,40 % + 62,07 %); 32,28 %
# declared on lines 1560-1561 where the rows give 32,53 %.
PEG_ERRORS = {
    (
        PEG,
        "peg_subtotal_equals_rows_pct",
        'CDR 85 / Totale Obiettivo "Sanità e Welfare" (line 47) / %',
        "97.3500",
        "100.0000",
        "error",
    ),
    (
        PEG,
        "peg_subtotal_equals_rows_pct",
        'CDR 85 / Totale Indirizzo "CITTA\' DEL CAPITALE SOCIALE" (line 48) / %',
        "97.3500",
        "100.0000",
        "error",
    ),
    (
        PEG,
        "peg_subtotal_equals_rows_pct",
        'CDR 87 / Totale Obiettivo "Sanità e Welfare" (line 1550) / %',
        "62.0700",
        "67.7200",
        "error",
    ),
    (
        PEG,
        "peg_subtotal_equals_rows_pct",
        'CDR 87 / Totale Indirizzo "CITTA\' DEL CAPITALE SOCIALE" (line 1551) / %',
        "67.4700",
        "67.7200",
        "error",
    ),
    (
        PEG,
        "peg_subtotal_equals_rows_pct",
        'CDR 87 / Totale Obiettivo "Diritti delle persone" (line 1560) / %',
        "32.5300",
        "32.2800",
        "error",
    ),
    (
        PEG,
        "peg_subtotal_equals_rows_pct",
        "CDR 87 / Totale Indirizzo \"CITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA\" (line 1561) / %",
        "32.5300",
        "32.2800",
        "error",
    ),
}
# PEG: Cap. 40086 Art. 02, 300.000,00 Spese Investimenti is in the blocks of 2021_PD_8716
# (line 632) and Z_23101 (line 1513); Cap. 03993 Art. 00, 1.000,00 Entrate Correnti in
# 2021_PD_8724 (line 1782) and 2021_PD_8728 (line 1984).
PEG_WARNINGS = {
    (
        PEG,
        "peg_capitolo_in_one_project",
        "Cap. 40086 Art. 02 / Spese Investimenti / 300000.00",
        "2 projects: 2021_PD_8716 (line 632), Z_23101 (line 1513)",
        "1 project",
        "warning",
    ),
    (
        PEG,
        "peg_capitolo_in_one_project",
        "Cap. 03993 Art. 00 / Entrate Correnti / 1000.00",
        "2 projects: 2021_PD_8724 (line 1782), 2021_PD_8728 (line 1984)",
        "1 project",
        "warning",
    ),
}
# Stato di attuazione: peso step/2020 of B = 15+15+15+15+31+8 = 99, of 5 = 22+22+11+22+22 =
# 99, of 10 = 11+21+16+21+16+16 = 101, of 12 = 29+29+43 = 101; TOTALE 2020 says 100% where
# the steps' % raggiungimento add up to 99 (B), 101 (10), 101 (12). One point: warnings.
# D.1, E.1 and F.1 repeat C.1's verifica word for word, 3.2 repeats 3.1's.
SA_WARNINGS = {
    (
        SA,
        "sa_step_weights_sum_to_100_per_year",
        "objective B / peso step/2020",
        "99.0000",
        "100.0000",
        "warning",
    ),
    (
        SA,
        "sa_step_weights_sum_to_100_per_year",
        "objective 5 / peso step/2020",
        "99.0000",
        "100.0000",
        "warning",
    ),
    (
        SA,
        "sa_step_weights_sum_to_100_per_year",
        "objective 10 / peso step/2020",
        "101.0000",
        "100.0000",
        "warning",
    ),
    (
        SA,
        "sa_step_weights_sum_to_100_per_year",
        "objective 12 / peso step/2020",
        "101.0000",
        "100.0000",
        "warning",
    ),
    (
        SA,
        "sa_totale_equals_sum_of_steps",
        "objective B / TOTALE 2020 (line 70)",
        "99.0000",
        "100.0000",
        "warning",
    ),
    (
        SA,
        "sa_totale_equals_sum_of_steps",
        "objective 10 / TOTALE 2020 (line 430)",
        "101.0000",
        "100.0000",
        "warning",
    ),
    (
        SA,
        "sa_totale_equals_sum_of_steps",
        "objective 12 / TOTALE 2020 (line 476)",
        "101.0000",
        "100.0000",
        "warning",
    ),
    (
        SA,
        "sa_verification_text_not_copied",
        "step D.1 (line 115)",
        "same text as step C.1",
        "own text",
        "warning",
    ),
    (
        SA,
        "sa_verification_text_not_copied",
        "step E.1 (line 142)",
        "same text as step C.1",
        "own text",
        "warning",
    ),
    (
        SA,
        "sa_verification_text_not_copied",
        "step F.1 (line 171)",
        "same text as step C.1",
        "own text",
        "warning",
    ),
    (
        SA,
        "sa_verification_text_not_copied",
        "step 3.2 (line 238)",
        "same text as step 3.1",
        "own text",
        "warning",
    ),
}
# ASC 2025-2027: Scheda 2's INDICATORI header lists 2025 twice (line 56); Scheda 4 declares
# 2025-2027 while both its tables say 2024-2026 (lines 103, 115), so its 17 indicators set
# 2024 targets; Scheda 2 indicator "Individuare un partner ..." (line 60) has no target.
ASC_WARNINGS = {
    (
        ASC25,
        "asc_header_years_agree_with_period",
        "scheda 2 / indicatori header (line 56)",
        "header 2025|2025|2026 -> 2024|2025|2026 (positional_from_azioni)",
        "period 2024-2026",
        "warning",
    ),
    (
        ASC25,
        "asc_header_years_agree_with_period",
        "scheda 4 / azioni header (line 103)",
        "header 2024|2025|2026 -> 2024|2025|2026 (header)",
        "period 2025-2027",
        "warning",
    ),
    (
        ASC25,
        "asc_header_years_agree_with_period",
        "scheda 4 / indicatori header (line 115)",
        "header 2024|2025|2026 -> 2024|2025|2026 (header)",
        "period 2025-2027",
        "warning",
    ),
    (
        ASC25,
        "asc_target_year_within_scheda_period",
        "scheda 4 / 2024",
        "17 targets in 2024 (lines 116-135)",
        "period 2025-2027",
        "warning",
    ),
    (
        ASC25,
        "asc_indicator_has_a_target",
        "scheda 2 / indicator 2 (line 60)",
        "0 targets",
        ">= 1 target",
        "warning",
    ),
}
# PIAO: "INDICATORE DI RISULTATO 2022" (line 435) in the 2023-2025 plan.
PIAO_WARNINGS = {
    (
        PIAO,
        "piao_indicator_year_within_plan_period",
        "objective 37 row 1 (line 436)",
        "2022",
        "2023-2025",
        "warning",
    ),
}


def test_every_real_contradiction_is_reported_and_nothing_else(wh):
    expected = PEG_ERRORS | PEG_WARNINGS | SA_WARNINGS | ASC_WARNINGS | PIAO_WARNINGS
    assert _failures(wh) == expected


def test_checks_pass_where_the_figures_add_up(wh):
    passed = dict(
        wh.sql(
            "select check_name || ' | ' || subject_key, passed from audit.dq_results "
            "where run_id = (select max(run_id) from audit.dq_results)"
        ).fetchall()
    )
    # CDR 87's shares add up to 100,00; CDR 85's to 99,99 (25 rounded shares: within 0,125)
    assert passed["peg_absorption_sums_to_100_per_cdr | CDR 87"] is True
    assert passed["peg_absorption_sums_to_100_per_cdr | CDR 85"] is True
    # 2021_PD_8501: Totale 784.326,70 spese correnti = the sum of its seven spese lines
    assert passed["peg_budget_block_lines_sum_to_totale | 2021_PD_8501 / block 1 / Spese Correnti"]
    # every euro subtotal of the CDR tables equals its rows
    euro = [v for k, v in passed.items() if k.startswith("peg_subtotal_equals_rows_eur")]
    assert euro and all(euro)
    # incidences 5+10+5+5+10+5 + 12 x 5 = 100; PIAO levels 50 + 50 = 100
    assert all(v for k, v in passed.items() if k.startswith("sa_incidences_sum_to_100"))
    assert all(v for k, v in passed.items() if k.startswith("piao_performance_levels"))
    # peso step/obiettivo adds up to 100 for all 18 objectives
    per_objective = [
        v for k, v in passed.items() if k.startswith("sa_step_weights_sum_to_100_per_objective")
    ]
    assert len(per_objective) == 18 and all(per_objective)


def test_results_carry_severity_tolerance_and_description(wh):
    row = wh.sql(
        "select severity, difference, tolerance, description from audit.dq_results "
        "where check_name = 'sa_totale_equals_sum_of_steps' and subject_key like 'objective B%' "
        "order by run_id desc limit 1"
    ).fetchall()[0]
    assert row[0] == "warning" and row[1] == 1.0 and row[2] == 0.0
    assert "1 point = warning" in row[3]


def test_data_docs_are_generated(built_warehouse):
    index = built_warehouse / "data_docs" / "index.html"
    assert index.exists()
    assert "peg" in index.read_text(encoding="utf-8")
