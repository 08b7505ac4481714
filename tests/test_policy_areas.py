"""Policy areas (issue 14) on a real build of the five samples.

Quality is measured against hand labels (tests/fixtures/policy_labels.csv, written before any
rule, one row per objective: source file, level, code, title, area, secondary, why): agreement,
precision and recall per area, share left non classificato, and rules that match exactly one
objective (a rule tuned to a single title). The figures checked below are read off the
documents (headings, raccordo rows, budget lines), not off the code's output.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

LABELS = Path(__file__).parent / "fixtures" / "policy_labels.csv"
AREAS = [f"12.0{i}" for i in range(1, 10)] + ["M01", "ALTRA", "NC"]
METHODS = {"dichiarato", "ereditato", "regola", "non_classificato"}
MIN_AGREEMENT = 0.85  # the targets
MAX_UNCLASSIFIED = 0.15
PIAO = "002_142f2b20942e7c60"
PEG = "003_51402a20550dfbf2"
SA = "004_b40c0b7f81374021"


@dataclass
class Quality:
    labelled: int
    agreed: int
    objectives: int
    unclassified: int
    per_area: dict[str, tuple[int, int, int]]  # area -> (true pos, false pos, false neg)
    per_method: dict[str, tuple[int, int]]  # method -> (agreed, labelled)
    secondary: tuple[int, int, int]  # labels with a secondary, same secondary, extra secondary
    disagreements: list[tuple[str, ...]]

    @property
    def agreement(self) -> float:
        return self.agreed / self.labelled

    @property
    def unclassified_share(self) -> float:
        return self.unclassified / self.objectives

    def table(self) -> str:
        lines = [
            f"agreement {self.agreed}/{self.labelled} = {100 * self.agreement:.1f} %",
            f"non classificato {self.unclassified}/{self.objectives} = "
            f"{100 * self.unclassified_share:.1f} %",
            "| area | labelled | assigned | agree | precision | recall |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for area in AREAS:
            tp, fp, fn = self.per_area.get(area, (0, 0, 0))
            if tp + fp + fn == 0:
                continue
            precision = f"{100 * tp / (tp + fp):.0f} %" if tp + fp else "-"
            recall = f"{100 * tp / (tp + fn):.0f} %" if tp + fn else "-"
            lines.append(f"| {area} | {tp + fn} | {tp + fp} | {tp} | {precision} | {recall} |")
        lines.append("| method | agree / labelled |")
        lines.append("|---|---:|")
        for method, (ok, n) in sorted(self.per_method.items()):
            lines.append(f"| {method} | {ok}/{n} |")
        n_sec, same_sec, extra_sec = self.secondary
        lines.append(
            f"secondary (a hint, not a target): {same_sec}/{n_sec} labelled secondaries "
            f"assigned; {extra_sec} secondaries assigned where the label has none"
        )
        lines.append("disagreements (file, level, code, title, label, assigned, method, rule):")
        lines.extend("  " + " | ".join(d) for d in self.disagreements)
        return "\n".join(lines)


def read_labels() -> list[dict[str, str]]:
    with LABELS.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def measure(wh) -> Quality:
    rows = wh.sql(
        "select d.source_file, o.level, coalesce(o.code, ''), o.title, o.policy_area, "
        "o.policy_area_method, coalesce(o.policy_area_rule_id, ''), "
        "coalesce(o.policy_area_secondary, '') "
        "from marts.dim_objective o join marts.dim_document d using (document_id)"
    ).fetchall()
    by_key: dict[tuple[str, str, str, str], tuple] = {}
    for r in rows:
        assert r[:4] not in by_key, f"two objectives share the label key {r[:4]}"
        by_key[r[:4]] = r
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    method_n: Counter[str] = Counter()
    method_ok: Counter[str] = Counter()
    disagreements = []
    secondary = [0, 0, 0]
    labels = read_labels()
    for lab in labels:
        key = (lab["source_file"], lab["level"], lab["code"], lab["title"])
        assert key in by_key, f"labelled objective not in the warehouse: {key}"
        got, method, rule, got_secondary = by_key[key][4:]
        method_n[method] += 1
        if lab["policy_area_secondary"]:
            secondary[0] += 1
            secondary[1] += got_secondary == lab["policy_area_secondary"]
        else:
            secondary[2] += bool(got_secondary)
        if got == lab["policy_area"]:
            tp[got] += 1
            method_ok[method] += 1
        else:
            fp[got] += 1
            fn[lab["policy_area"]] += 1
            disagreements.append(
                (key[0][:3], key[1], key[2], key[3][:60], lab["policy_area"], got, method, rule)
            )
    return Quality(
        labelled=len(labels),
        agreed=sum(tp.values()),
        objectives=len(rows),
        unclassified=sum(1 for r in rows if r[4] == "NC"),
        per_area={a: (tp[a], fp[a], fn[a]) for a in set(tp) | set(fp) | set(fn)},
        per_method={m: (method_ok[m], method_n[m]) for m in method_n},
        secondary=(secondary[0], secondary[1], secondary[2]),
        disagreements=disagreements,
    )


# --- the labelled set -------------------------------------------------------------------


def test_labels_cover_every_document_and_level():
    labels = read_labels()
    assert len(labels) >= 150
    files = Counter(lab["source_file"][:3] for lab in labels)
    assert set(files) == {"000", "001", "002", "003", "004"}
    levels = {lab["level"] for lab in labels}
    assert {"scheda", "strategico", "operativo", "progetto", "azione", "indirizzo"} <= levels
    assert {"performance", "peg"} <= levels
    for lab in labels:
        assert lab["policy_area"] in AREAS and lab["policy_area"] != "NC", lab
        assert lab["policy_area_secondary"] in ("", *AREAS), lab
        assert lab["why"].strip(), f"label without a reason: {lab}"


# --- quality ----------------------------------------------------------------------------


def test_agreement_with_hand_labels_and_share_unclassified(wh, capsys):
    q = measure(wh)
    with capsys.disabled():
        print("\n" + q.table())
    assert q.agreement >= MIN_AGREEMENT, q.table()
    assert q.unclassified_share < MAX_UNCLASSIFIED, q.table()
    # the rules, not only the declarations, must do well: agreement on what they classified
    ok, n = q.per_method.get("regola", (0, 0))
    assert n >= 100 and ok / n >= MIN_AGREEMENT, q.table()


def test_no_rule_matches_exactly_one_objective(wh, capsys):
    counts = dict(
        wh.sql(
            "select r.rule_id, count(distinct h.object_id) "
            "from seeds.policy_rules r left join intermediate.int_policy_rule_hits h "
            "on h.rule_id = r.rule_id and h.object_kind = 'objective' group by r.rule_id"
        ).fetchall()
    )
    single = sorted(r for r, n in counts.items() if n == 1)
    unused = sorted(r for r, n in counts.items() if n == 0)
    with capsys.disabled():
        print(f"\nrules matching no objective of the samples: {', '.join(unused) or 'none'}")
        print(f"rules matching exactly one objective: {', '.join(single) or 'none'}")
    assert not single, f"rules tuned to a single objective: {single}"


# --- every object has an area, and says how it got it -----------------------------------


def test_every_objective_and_indicator_has_an_area_and_a_method(wh):
    for table in ("dim_objective", "dim_indicator"):
        rows = wh.sql(
            f"select policy_area, policy_area_secondary, policy_area_method, "
            f"policy_area_rule_id, policy_area_terms, policy_area_inherited_from "
            f"from marts.{table}"
        ).fetchall()
        assert rows
        for area, secondary, method, rule, terms, inherited in rows:
            assert area in AREAS and method in METHODS
            assert secondary is None or (secondary in AREAS and secondary != area)
            assert (area == "NC") == (method == "non_classificato")
            if method == "regola":
                assert rule and terms, (table, area, rule, terms)
            if method == "ereditato":
                assert inherited, (table, area)
            if method == "dichiarato":
                assert rule is None and inherited is None


def test_inherited_areas_are_the_source_objectives_areas(wh):
    mismatches = wh.sql(
        "select o.objective_id, o.policy_area, s.policy_area from marts.dim_objective o "
        "join marts.dim_objective s on s.objective_id = o.policy_area_inherited_from "
        "where o.policy_area <> s.policy_area or s.policy_area_method = 'ereditato' "
        "union all "
        "select i.indicator_id, i.policy_area, o.policy_area from marts.dim_indicator i "
        "join marts.dim_objective o using (objective_id) "
        "where i.policy_area_method = 'ereditato' and i.policy_area <> o.policy_area"
    ).fetchall()
    assert mismatches == []


# --- declared by the documents ----------------------------------------------------------


def _objective(wh, document_id: str, title: str) -> tuple:
    rows = wh.sql(
        "select policy_area, policy_area_secondary, policy_area_method, policy_area_rule_id, "
        "policy_area_declared_programmi, policy_area_inherited_from from marts.dim_objective "
        "where document_id = ? and title = ?",
        params=[document_id, title],
    ).fetchall()
    assert len(rows) == 1, (document_id, title, rows)
    return rows[0]


def test_piao_headings_declare_the_area(wh):
    # "MISSIONE 12 – DIRITTI SOCIALI, POLITICHE SOCIALI E FAMIGLIA - PROGRAMMA 2: INTERVENTI
    # PER LA DISABILITÀ" above the strategic and the operational objective
    for title in (
        "GARANTIRE INTERVENTI/SERVIZI A FAVORE DELLE PERSONE CON DISABILITA' IMPLEMENTANDO "
        "ED ARTICOLANDO LA RETE DEI SERVIZI",
        "CONSOLIDAMENTO DELLA RETE DEI SERVIZI PER DISABILI E AVVIO SERVIZI INNOVATIVI",
    ):
        area, _, method, rule, programmi, _ = _objective(wh, PIAO, title)
        assert (area, method, rule, programmi) == ("12.02", "dichiarato", None, "12.02")
    # "MISSIONE 04 – ISTRUZIONE E DIRITTO ALLO STUDIO - PROGRAMMA 06": another missione, and
    # the rules see the disability in the title: secondary 12.02
    area, secondary, method, _, programmi, _ = _objective(
        wh, PIAO, "GARANTIRE INCLUSIONE SCOLASTICA ALUNNI CON DISABILITÀ"
    )
    assert (area, secondary, method, programmi) == ("ALTRA", "12.02", "dichiarato", "04.06")
    # "MISSIONE 01 ... PROGRAMMA 10: RISORSE UMANE"
    area, _, method, _, programmi, _ = _objective(
        wh, PIAO, "REVISIONE DEL SISTEMA DI MISURAZIONE E VALUTAZIONE DELLA PERFORMANCE"
    )
    assert (area, method, programmi) == ("M01", "dichiarato", "01.10")


def test_piao_objectives_without_heading_are_classified_by_rules(wh):
    # Servizio POLIZIA LOCALE and the piano di azioni positive carry no missione heading
    area, _, method, rule, _, _ = _objective(
        wh, PIAO, "ASSUNZIONE ATTI ORGANIZZATIVI PER L'AMPLIAMENTO DEL SERVIZIO DI POLIZIA LOCALE"
    )
    assert (area, method, rule) == ("ALTRA", "regola", "ALT_POLIZIA")
    area, _, method, rule, _, _ = _objective(wh, PIAO, "AGGIORNAMENTO DEL PIANO DI AZIONI POSITIVE")
    assert (area, method, rule) == ("M01", "regola", "M01_PERSONALE")


def test_raccordo_declares_only_unambiguous_links(wh):
    # Tabella di raccordo: PEG objective 11 appears only under operational objective 11A,
    # "Missioni collegate 1, Programmi collegati 02" -> Missione 1
    area, _, method, _, programmi, _ = _objective(
        wh, SA, "Razionalizzazione gestione del parco auto dell'Ente"
    )
    assert (area, method, programmi) == ("M01", "dichiarato", "01.02")
    # PEG objective 2 is linked to 1A, 2A, 4A, 5A, 6B, 8A, 8B: programmi 12.01-12.04, 12.07,
    # no single area: the document does not decide, the rules do
    area, _, method, rule, programmi, _ = _objective(
        wh, SA, "Partecipazione a iniziative di sostegno al reddito a livello locale"
    )
    assert (area, method, rule, programmi) == ("12.04", "regola", "ESC_POVERTA", None)


def test_peg_objectives_inherit_from_their_project_when_they_say_nothing(wh):
    # 2021_OB_8733_1 "Individuazione di misure per la razionalizzazione della spesa" names no
    # target group in its title; its project "Servizi per residenzialità minori" does
    area, _, method, rule, _, _ = _objective(wh, PEG, "Servizi per residenzialità minori")
    assert (area, method, rule) == ("12.01", "regola", "MIN_MINORI")
    area, _, method, _, _, _ = _objective(
        wh, PEG, "Individuazione di misure per la razionalizzazione della spesa"
    )
    assert area == "12.01"


# --- budget -----------------------------------------------------------------------------


def test_budget_per_area_adds_up_to_the_budget_lines(wh):
    # never split, nothing lost: per ente, year, flow and nature the areas add up to the lines
    diff = wh.sql(
        "with a as (select ente_id, year, flow, nature, sum(amount_eur) s "
        "from marts.mart_budget_policy_area group by all), "
        "b as (select ente_id, year, flow, nature, sum(amount_eur) s "
        "from marts.fct_budget_capitolo group by all) "
        "select * from a full join b using (ente_id, year, flow, nature) "
        "where a.s is distinct from b.s"
    ).fetchall()
    assert diff == []
    lines = wh.sql(
        "select count(*), count(distinct source_line) from marts.mart_budget_line_policy_area"
    ).fetchall()[0]
    assert lines[0] == wh.sql("select count(*) from marts.fct_budget_capitolo").fetchall()[0][0]


def test_disability_budget_of_reggio_emilia(wh):
    # PEG 2021, project 2021_PD_8729 "Servizi per la domiciliarità disabili": Cap. 03654
    # "SPESE PER ELIMINAZIONE E SUPERAMENTO BARRIERE ARCHITETTONICHE ..." 500.000,00 (spesa
    # corrente) and its regional contribution 500.000,00 (entrata corrente)
    rows = wh.sql(
        "select flow, nature, amount_eur, n_budget_lines from marts.mart_budget_policy_area "
        "where ente_id = 'comune-di-reggio-emilia' and year = 2021 and policy_area = '12.02' "
        "order by flow"
    ).fetchall()
    assert rows == [
        ("entrata", "corrente", Decimal("500000.00"), 1),
        ("spesa", "corrente", Decimal("500000.00"), 1),
    ]


# --- comparable measures ----------------------------------------------------------------


def test_measures_per_area_add_up_to_each_document(wh):
    diff = wh.sql(
        "with m as (select document_id, sum(n_objectives) o, sum(n_indicators) i, "
        "sum(n_targets) t from marts.mart_policy_area_measures group by 1), "
        "o as (select document_id, count(*) o from marts.dim_objective group by 1), "
        "i as (select document_id, count(*) i from marts.dim_indicator group by 1), "
        "t as (select document_id, count(target_raw) t from (select distinct document_id, "
        "indicator_id, year, target_raw from marts.fct_indicator_year) group by 1) "
        "select * from m left join o using (document_id) left join i using (document_id) "
        "left join t using (document_id) "
        "where m.o <> o.o or m.i <> coalesce(i.i, 0) or m.t <> coalesce(t.t, 0)"
    ).fetchall()
    assert diff == []
    n_areas = wh.sql(
        "select count(distinct policy_area), count(*) / count(distinct document_id) "
        "from marts.mart_policy_area_measures"
    ).fetchall()[0]
    assert n_areas == (len(AREAS), len(AREAS))


def test_results_reaching_target(wh):
    # ASC InSieme 2021-2023, scheda 3: "Piena funzionalità della piattaforma Pago PA",
    # Previsione 2021 SI, Risultato 2021 100% -> reached; the other 2021 results are texts
    # ("Rispetto della programmazione iniziale", ...) that cannot be compared
    rows = wh.sql(
        "select policy_area, n_results, n_results_assessable, n_results_reached "
        "from marts.mart_policy_area_measures "
        "where document_id = '000_e3700703ee819e5c' and n_results > 0 order by policy_area"
    ).fetchall()
    assert sum(r[1] for r in rows) == 8
    assert [(r[0], r[2], r[3]) for r in rows if r[2]] == [("M01", 1, 1)]


def test_share_of_plan_and_budget_per_ente_with_peer_median(wh):
    rows = wh.sql(
        "select ente_id, objectives_share_pct, spese_share_pct, peer_median_objectives_share_pct"
        " from marts.mart_policy_area_ente where policy_area = '12.02' order by ente_id"
    ).fetchall()
    assert len(rows) == 4  # ASC InSieme, Unione del Sorbara, Comune di Reggio Emilia, CSSM
    shares = {r[0]: r for r in rows}
    reggio = shares["comune-di-reggio-emilia"]
    assert reggio[2] is not None and reggio[2] > 0  # the only ente with a PEG budget
    assert all(r[2] is None for k, r in shares.items() if k != "comune-di-reggio-emilia")
    median = sorted(r[1] for r in rows)
    assert rows[0][3] == pytest.approx((median[1] + median[2]) / 2)
    total = wh.sql(
        "select ente_id, sum(objectives_share_pct) from marts.mart_policy_area_ente group by 1"
    ).fetchall()
    assert all(abs(s - 100) < 0.1 for _, s in total)


def test_disability_indicators_of_asc_schede_are_found_through_their_secondary_area(wh):
    # ASC InSieme's schede each span every target group, so their indicators inherit 12.07,
    # M01 or 12.01; the five indicators whose names speak of disability (000 lines 22, 122,
    # 127; 001 line 31 and line 132, whose name ends on line 134) carry 12.02 as secondary
    rows = wh.sql(
        "select source_line, policy_area, policy_area_secondary from marts.dim_indicator "
        "where ente_id = 'asc-insieme' and "
        "(policy_area = '12.02' or policy_area_secondary = '12.02') order by document_id, 1"
    ).fetchall()
    assert [r[0] for r in rows] == [22, 122, 127, 31, 132]
    assert all(r[1] != "12.02" and r[2] == "12.02" for r in rows)
    ente = wh.sql(
        "select n_objectives, n_indicators_secondary from marts.mart_policy_area_ente "
        "where ente_id = 'asc-insieme' and policy_area = '12.02'"
    ).fetchall()
    assert ente == [(0, 5)]
