"""The template: the blank workbook (sheets, README rows, validation lists, example rows),
the validation of a deliberately broken filled template, and its quarantine in a batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import openpyxl
import pytest

from ingest.common import ParseError
from ingest.tabular import parse
from ingest.tabular.reader import read_csv_folder, read_xlsx
from ingest.tabular.spec import README_SHEET, SHEETS
from ingest.tabular.validate import TemplateValidationError
from ingest.tabular.writer import write_csv_folder, write_xlsx
from tests.conftest import build_env, run_plans


@pytest.fixture()
def blank(tmp_path: Path) -> Path:
    proc = run_plans(["template", "--out", str(tmp_path / "modello.xlsx")], build_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "modello.xlsx"


def test_blank_template_sheets_readme_lists_and_example_row(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    expected = [
        README_SHEET,
        "documento",
        "obiettivi",
        "indicatori",
        "anni_indicatori",
        "azioni",
        "anni_azioni",
        "fasi",
        "bilancio",
        "progetti",
        "personale",
        "pesi",
    ]
    assert wb.sheetnames == expected
    readme = wb[README_SHEET]
    rows = [tuple(c.value for c in r) for r in readme.iter_rows()]
    header = rows.index(
        ("foglio", "campo", "obbligatorio", "tipo", "significato", "esempio", "valori ammessi")
    )
    fields = {(r[0], r[1]): r for r in rows[header + 1 :]}
    # one README row per field of every sheet, with meaning, type, example, required or not
    assert (
        len(fields)
        == sum(len(s.fields) for s in SHEETS)
        == 9 + 16 + 9 + 10 + 6 + 4 + 10 + 11 + 10 + 4 + 3
    )
    assert fields[("documento", "tipo_ente")][2] == "sì"
    assert fields[("documento", "tipo_ente")][6] == "Comune, Unione, ASC, ASP, Consorzio, Altro"
    assert fields[("obiettivi", "peso_pct")][2] == "no"
    assert fields[("obiettivi", "peso_pct")][3].startswith("percentuale da 0 a 100")
    assert fields[("bilancio", "importo")][5] == "12.345,67"
    assert fields[("indicatori", "id_obiettivo")][6] == "un valore di obiettivi → id_obiettivo"
    assert all(r[4] for r in fields.values())  # every field has a meaning

    doc = wb["documento"]
    assert [c.value for c in doc[1]] == [
        "ente_id *",
        "ente_nome *",
        "tipo_ente *",
        "regione *",
        "provincia *",
        "tipo_documento *",
        "titolo",
        "anno_inizio *",
        "anno_fine *",
    ]
    assert [c.value for c in doc[2]][:3] == ["comune-di-esempio", "Comune di Esempio", "Comune"]
    assert doc["A2"].font.italic

    def lists(ws) -> dict[str, tuple[str, bool]]:  # noqa: ANN001
        out = {}
        for dv in ws.data_validations.dataValidation:
            col = str(dv.sqref).split(":")[0].rstrip("0123456789")
            name = ws[f"{col}1"].value.rstrip(" *")
            out[name] = (dv.type, dv.formula1, dv.showErrorMessage)
        return out

    assert lists(doc)["tipo_ente"] == ("list", '"Comune,Unione,ASC,ASP,Consorzio,Altro"', True)
    assert lists(doc)["anno_inizio"][:2] == ("whole", "1990")
    budget = lists(wb["bilancio"])
    assert budget["flusso"] == ("list", '"entrata,spesa"', True)
    assert budget["natura"] == ("list", '"corrente,investimento"', True)
    assert lists(wb["anni_indicatori"])["operatore"] == ("list", '"=,>=,<=,>,<"', True)
    assert lists(wb["obiettivi"])["livello"][2] is False  # suggestions, not a closed list
    assert lists(wb["obiettivi"])["peso_pct"][:2] == ("decimal", "0")


def test_blank_template_loads_nothing_and_says_why(blank: Path) -> None:
    # the example rows are boilerplate: a blank template has no document row
    with pytest.raises(TemplateValidationError) as exc:
        parse(read_xlsx(blank))
    assert [str(p) for p in exc.value.problems] == [
        "modello.xlsx, foglio documento: il foglio documento deve avere una sola riga di "
        "dati, ne ha 0"
    ]


def _filled(path: Path, broken: bool) -> Path:
    doc = {
        "ente_id": "comune-di-prova",
        "ente_nome": "Comune di Prova",
        "tipo_ente": "Comune",
        "regione": "Toscana",
        "provincia": "FI",
        "tipo_documento": "PIAO 2024-2026",
        "anno_inizio": "2024",
        "anno_fine": "2026",
    }
    rows = {
        "documento": [doc],
        "obiettivi": [
            {
                "id_obiettivo": "OS1",
                "codice": "1",
                "titolo": "Welfare di comunità",
                "livello": "strategico",
                "peso_pct": "130" if broken else "60",
            },
            {
                "id_obiettivo": "OO1",
                "codice": "1.1",
                "titolo": "Sportello sociale",
                "livello": "operativo",
                "id_padre": "OS1",
                "peso_pct": "40",
            },
            {
                "id_obiettivo": "OO1" if broken else "OO2",
                "titolo": "Doppione",
                "livello": "operativo",
            },
        ],
        "indicatori": [
            {"id_indicatore": "I1", "id_obiettivo": "OO1", "nome": "Accessi allo sportello"},
            {
                "id_indicatore": "I2",
                "id_obiettivo": "OO9" if broken else "OO1",
                "nome": "Tempo di risposta",
            },
        ],
        "anni_indicatori": [
            {"id_indicatore": "I1", "anno": "20021" if broken else "2024", "target": ">= 500"},
            {
                "id_indicatore": "I2",
                "anno": "2024",
                "target": "30",
                "operatore": "<=",
                "responsabile": "dott.ssa Anna ROSSI",
            },
        ],
        "bilancio": [
            {
                "capitolo": "" if broken else "1200",
                "flusso": "spesa",
                "natura": "corrente",
                "importo": "1.2.3,4" if broken else "1.234,50",
            },
        ],
    }
    return write_xlsx(path, rows, example=False)


BROKEN_PROBLEMS = [
    "rotto.xlsx, foglio obiettivi, riga 2, colonna peso_pct: 130 è fuori dall'intervallo "
    "0-100 di una percentuale",
    "rotto.xlsx, foglio anni_indicatori, riga 2, colonna anno: 20021 non è un anno valido "
    "(1990-2100)",
    "rotto.xlsx, foglio bilancio, riga 2, colonna capitolo: campo obbligatorio vuoto",
    "rotto.xlsx, foglio bilancio, riga 2, colonna importo: '1.2.3,4' non è un numero in "
    "formato italiano (es. 1.234,56)",
    "rotto.xlsx, foglio obiettivi, riga 4, colonna id_obiettivo: OO1 duplicato (già alla riga 3)",
    "rotto.xlsx, foglio indicatori, riga 3, colonna id_obiettivo: 'OO9' non esiste nel "
    "foglio obiettivi",
]


def test_broken_template_reports_every_problem_with_sheet_row_column(tmp_path: Path) -> None:
    path = _filled(tmp_path / "rotto.xlsx", broken=True)
    with pytest.raises(TemplateValidationError) as exc:
        parse(read_xlsx(path))
    err = exc.value
    assert [str(p) for p in err.problems] == BROKEN_PROBLEMS
    assert isinstance(err, ParseError)
    message = str(err)
    assert message.startswith(
        "rotto.xlsx: 6 problemi di validazione, documento messo in quarantena:"
    )
    assert all(p in message for p in BROKEN_PROBLEMS)
    print(message)  # the note quotes these messages


def test_the_same_template_as_csv_folder_reads_the_same(tmp_path: Path) -> None:
    xlsx = _filled(tmp_path / "buono.xlsx", broken=False)
    wb = openpyxl.load_workbook(xlsx)
    folder = tmp_path / "buono"
    rows = {}
    for ws in wb.worksheets[1:]:
        values = [[c.value for c in r] for r in ws.iter_rows()]
        names = [v.rstrip(" *") for v in values[0]]
        rows[ws.title] = [dict(zip(names, r, strict=True)) for r in values[1:]]
    write_csv_folder(folder, rows, example=False)
    a, b = parse(read_xlsx(xlsx)), parse(read_csv_folder(folder))
    strip = {"source_line", "source_line_end", "source_sheet", "source_row", "document_id"}

    def content(result) -> dict:  # noqa: ANN001
        return {
            t: [{k: v for k, v in r.items() if k not in strip} for r in rows]
            for t, rows in result.tables.items()
        }

    assert content(a) == content(b)
    years = a.tables["tpl_indicator_years"]
    assert [y["target_raw"] for y in years] == [">= 500", "<= 30"]
    assert years[1]["source_sheet"] == "anni_indicatori" and years[1]["source_row"] == 3
    assert a.document_meta["ente_id"] == "comune-di-prova"
    assert a.document_meta["period_start_year"] == 2024


@pytest.mark.e2e
def test_broken_template_is_quarantined_and_the_rest_of_the_batch_loads(
    tmp_path: Path,
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _filled(raw / "rotto.xlsx", broken=True)
    _filled(raw / "buono.xlsx", broken=False)
    shutil.copy(Path(__file__).parents[1] / "data" / "raw" / "004_b40c0b7f81374021.txt", raw)
    shutil.copy(Path(__file__).parents[1] / "data" / "raw" / "manifest.csv", raw)
    data = tmp_path / "data"
    proc = run_plans(["build", "--skip-checks"], build_env(data, raw_dir=raw))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "2 parsed, 1 quarantined" in proc.stdout
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        docs = con.sql(
            "select document_id, doc_family from marts.dim_document order by 1"
        ).fetchall()
        errors = con.sql(
            "select source_file, error, sheet, row_no, column_name from audit.load_errors"
        ).fetchall()
        ente = con.sql(
            "select ente_name, ente_type, region, province from marts.dim_ente "
            "where ente_id = 'comune-di-prova'"
        ).fetchall()
        targets = con.sql(
            "select i.name, f.year, f.target_raw, f.target_operator, f.target_value, "
            "f.responsabile_id, f.source_sheet, f.source_row from marts.fct_indicator_year f "
            "join marts.dim_indicator i using (indicator_id) where f.document_id = 'buono' "
            "order by f.source_row"
        ).fetchall()
        budget = con.sql(
            "select capitolo, amount_eur, source_sheet, source_row "
            "from marts.fct_budget_capitolo where document_id = 'buono'"
        ).fetchall()
    finally:
        con.close()
    assert docs == [("004_b40c0b7f81374021", "stato_attuazione"), ("buono", "modello")]
    # one row per problem, with its sheet, row and column
    assert {e[0] for e in errors} == {"rotto.xlsx"}
    assert sorted(e[1] for e in errors) == sorted(BROKEN_PROBLEMS)
    assert ("rotto.xlsx", BROKEN_PROBLEMS[0], "obiettivi", 2, "peso_pct") in errors
    assert ente == [("Comune di Prova", "Comune", "Toscana", "FI")]
    assert targets == [
        ("Accessi allo sportello", 2024, ">= 500", ">=", 500.0, None, "anni_indicatori", 2),
        (
            "Tempo di risposta",
            2024,
            "<= 30",
            "<=",
            30.0,
            "comune-di-prova:anna-rossi",
            "anni_indicatori",
            3,
        ),
    ]
    assert [(c, str(a), s, r) for c, a, s, r in budget] == [("1200", "1234.50", "bilancio", 2)]


def test_import_doc_lists_every_field_of_the_declaration() -> None:
    text = (Path(__file__).parents[1] / "docs" / "IMPORT.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        section = text.split(f"### Foglio `{sheet.name}`", 1)[1].split("### Foglio", 1)[0]
        for f in sheet.fields:
            assert f"| `{f.name}` | {'sì' if f.required else 'no'} | {f.type} |" in section


def test_a_manifest_line_wins_over_the_template_s_own_description(tmp_path: Path) -> None:
    from ingest.dispatch import parse_one
    from ingest.manifest import ManifestEntry

    path = _filled(tmp_path / "buono.xlsx", broken=False)
    own = parse_one(path, {})
    assert own.status == "loaded" and own.manifest is not None
    assert (own.manifest.ente_id, own.manifest.region, own.manifest.period_end_year) == (
        "comune-di-prova",
        "Toscana",
        2026,
    )
    entry = ManifestEntry(
        "buono.xlsx", "comune-x", "Comune X", "Comune", "Umbria", "PG", "PIAO 2024-2026", 2024, 2025
    )
    overridden = parse_one(path, {"buono.xlsx": entry})
    assert overridden.status == "loaded" and overridden.manifest == entry
