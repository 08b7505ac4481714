"""The profile language on small exports written here: delimiter, decimal separator, header
row, column renames, constants, codes inside the text, an operator column, 0-1 fractions,
long format folded with its extra dimensions, a wide XLSX budget export, and the errors of
a wrong profile or a wrong cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ingest.common import UnknownLayoutError
from ingest.dispatch import parse_one
from ingest.tabular import profiles

LONG_PROFILE = r"""
profilo: sistema-x
riconosci:
  colonne: [Obiettivo strategico, Obiettivo, Indicatore, Anno, Valore atteso]
file:
  delimitatore: ";"
  codifica: latin-1
  separatore_decimale: ","
  riga_intestazione: 3
valori_nulli:
  Rendicontato: ["n.r."]
righe_escluse:
  - colonna: Stato
    valori: [annullato]
    motivo: indicatore annullato
documento:
  ente_id: unione-prova
  ente_nome: Unione di Prova
  tipo_ente: Unione
  regione: Marche
  provincia: AN
  tipo_documento: Piano della performance (export Sistema X)
obiettivi:
  - livello: strategico
    colonna: Obiettivo strategico
    codice_da_testo: ['^(?P<codice>\d+)\)\s*(?P<titolo>.+)$']
  - livello: operativo
    colonna: Obiettivo
    codice_da_testo: ['^(?P<codice>\d+(?:\.\d+)+)\)\s*(?P<titolo>.+)$']
    campi: {cdr: Centro}
    costanti: {tipo_obiettivo: miglioramento}
indicatori:
  colonna: Indicatore
anni_indicatori:
  campi:
    anno: Anno
    target: Valore atteso
    operatore: Segno
    risultato: Rendicontato
    raggiungimento_pct: Grado
    responsabile: Dirigente
    periodo: Trimestre
  frazioni: [raggiungimento_pct]
  dettagli: [Centro, Note]
"""

LONG_EXPORT = (
    "Sistema X - estrazione del 01/09/2024\n"
    "Ente: Unione di Prova\n"
    "Obiettivo strategico;Obiettivo;Centro;Indicatore;Anno;Trimestre;Segno;Valore atteso;"
    "Rendicontato;Grado;Dirigente;Note;Stato\n"
    "1) Welfare;1.1.4) Sportello unico;C01;Accessi;2024;1;>=;1.200;1.350;1;dott. Mario "
    "ROSSI;;attivo\n"
    "1) Welfare;1.1.4) Sportello unico;C01;Accessi;2024;2;>=;1.200;n.r.;0,25;dott. Mario "
    'ROSSI;"in corso,\nrilevazione parziale";attivo\n'
    "1) Welfare;1.1.5) Domiciliarità;C02;Tempo medio di presa in carico;2024;1;<=;12,5;"
    "11;1;Anna Bianchi;;attivo\n"
    "1) Welfare;1.1.5) Domiciliarità;C02;Indicatore ritirato;2024;1;=;1;;;Anna Bianchi;;"
    "annullato\n"
)


@pytest.fixture()
def profile_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "sistema-x.yaml").write_text(LONG_PROFILE, encoding="utf-8")
    monkeypatch.setenv("PLANS_PROFILES_DIR", str(folder))
    return folder


def _export(tmp_path: Path, text: str, name: str = "sistema_x_2024.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1"))
    return path


def test_long_export_folded_onto_the_template(tmp_path: Path, profile_dir: Path) -> None:
    out = parse_one(_export(tmp_path, LONG_EXPORT), {})
    assert out.status == "loaded", out.error
    assert out.family == "profilo" and out.result is not None
    assert out.result.layout == "sistema-x"
    t = out.tables
    objectives = [
        (
            o["id_obiettivo"],
            o["codice"],
            o["titolo"],
            o["livello"],
            o["id_padre"],
            o["cdr"],
            o["tipo_obiettivo"],
            o["source_row"],
        )
        for o in t["tpl_objectives"]
    ]
    assert objectives == [
        ("1", "1", "Welfare", "strategico", None, None, None, 4),
        ("1.1.4", "1.1.4", "Sportello unico", "operativo", "1", "C01", "miglioramento", 4),
        ("1.1.5", "1.1.5", "Domiciliarità", "operativo", "1", "C02", "miglioramento", 6),
    ]
    assert [(i["nome"], i["id_obiettivo"]) for i in t["tpl_indicators"]] == [
        ("Accessi", "1.1.4"),
        ("Tempo medio di presa in carico", "1.1.5"),
    ]
    years = [
        (
            y["anno"],
            y["periodo"],
            y["target_raw"],
            y["target_operator"],
            y["target_value"],
            y["actual_raw"],
            y["actual_value"],
            str(y["raggiungimento_pct"]),
            y["raggiungimento_pct_raw"],
            y["responsabile"],
            y["dettagli"],
            y["source_row"],
        )
        for y in t["tpl_indicator_years"]
    ]
    assert years == [
        (
            2024,
            "1",
            ">= 1200",
            ">=",
            1200.0,
            "1350",
            1350.0,
            "100",
            "1",
            "dott. Mario ROSSI",
            "Centro: C01",
            4,
        ),
        (
            2024,
            "2",
            ">= 1200",
            ">=",
            1200.0,
            None,
            None,
            "25",
            "0,25",
            "dott. Mario ROSSI",
            "Centro: C01; Note: in corso, rilevazione parziale",
            5,
        ),
        (
            2024,
            "1",
            "<= 12,5",
            "<=",
            12.5,
            "11",
            11.0,
            "100",
            "1",
            "Anna Bianchi",
            "Centro: C02",
            6,
        ),
    ]
    people = [(p["person_name"], p["kind"]) for p in t["tpl_responsabili"]]
    assert people == [
        ("Mario Rossi", "persona"),
        ("Mario Rossi", "persona"),
        ("Anna Bianchi", "persona"),
    ]
    assert out.manifest is not None and out.manifest.period_start_year == 2024
    assert out.manifest.ente_type == "Unione"
    # every line accounted for: 2 title lines before the header and the withdrawn indicator
    # listed, the header and the 3 records mapped (the quoted cell with a line break is one)
    rows = out.result.ledger.rows()
    assert [(r["line_no"], r["status"], r["detail"]) for r in rows if r["status"] != "mapped"] == [
        (1, "unparsed", "riga prima dell'intestazione"),
        (2, "unparsed", "riga prima dell'intestazione"),
        (7, "unparsed", "riga esclusa dal profilo: indicatore annullato"),
    ]
    assert len(rows) == 7


def test_a_wrong_cell_names_the_export_column(tmp_path: Path, profile_dir: Path) -> None:
    bad = LONG_EXPORT.replace(";2024;2;", ";20024;2;").replace(";1.200;1.350;", ";1.200;1.350;")
    bad = bad.replace(";0,25;", ";1,30;")  # 130 % once the fraction is a percentage
    out = parse_one(_export(tmp_path, bad), {})
    assert out.status == "failed"
    assert (
        "sistema_x_2024.csv, foglio sistema_x_2024.csv, riga 5, colonna Anno (anno): 20024 "
        "non è un anno valido (1990-2100)" in out.error
    )
    assert (
        "riga 5, colonna Grado (raggiungimento_pct): 130 è fuori dall'intervallo 0-100" in out.error
    )


def test_wide_xlsx_budget_export(tmp_path: Path, profile_dir: Path) -> None:
    (profile_dir / "bilancio-y.yaml").write_text(
        """
profilo: bilancio-y
riconosci: {colonne: [Cap., Art., Descrizione capitolo, Stanziamento]}
file: {formato: xlsx, foglio: Spese, separatore_decimale: "."}
documento: {ente_id: comune-y, ente_nome: Comune Y, tipo_ente: Comune, regione: Lazio,
            provincia: RM, tipo_documento: PEG 2025 (spese), anno_inizio: 2025, anno_fine: 2025}
fogli:
  bilancio:
    campi: {capitolo: Cap., articolo: Art., descrizione: Descrizione capitolo,
            importo: Stanziamento, progetto: Progetto}
    costanti: {flusso: spesa, natura: corrente, anno: "2025"}
""",
        encoding="utf-8",
    )
    wb = openpyxl.Workbook()
    wb.active.title = "Note"
    wb.active.append(["Estrazione contabilità"])
    ws = wb.create_sheet("Spese")
    ws.append(["Cap.", "Art.", "Descrizione capitolo", "Progetto", "Stanziamento"])
    ws.append(["1200", "1", "Contributi a famiglie", "P1", 12345.5])
    ws.append(["1300", "2", "Assistenza domiciliare", "P1", "1000.00"])
    path = tmp_path / "spese_2025.xlsx"
    wb.save(path)
    out = parse_one(path, {})
    assert out.status == "loaded", out.error
    lines = [
        (
            b["capitolo"],
            b["articolo"],
            b["importo"],
            b["importo_raw"],
            b["flusso"],
            b["anno"],
            b["source_sheet"],
            b["source_row"],
        )
        for b in out.tables["tpl_budget_lines"]
    ]
    # a numeric Excel cell reads 12345,5; the text cell "1000.00" is read with the profile's
    # decimal point
    assert lines == [
        ("1200", "1", Decimal("12345.50"), "12345,5", "spesa", 2025, "Spese", 2),
        ("1300", "2", Decimal("1000.00"), "1000.00", "spesa", 2025, "Spese", 3),
    ]
    assert out.manifest is not None and out.manifest.ente_id == "comune-y"


def test_wrong_profile_and_unknown_export(tmp_path: Path, profile_dir: Path) -> None:
    (profile_dir / "rotto.yaml").write_text(
        "profilo: rotto\nriconosci: {colonne: [A]}\ndocumento: {}\n"
        "obiettivi: [{livello: x, colonna: A, codice_da_testo: ['^(\\\\d+) (.*)$']}]\n"
        "colonne_extra: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(profiles.ProfileError) as exc:
        profiles.profiles(profile_dir)
    assert "rotto.yaml: invalid profile" in str(exc.value)
    assert "(?P<codice>...)" in str(exc.value) and "colonne_extra" in str(exc.value)
    (profile_dir / "rotto.yaml").unlink()
    unknown = _export(tmp_path, "a;b\n1;2\n", "altro.csv")
    out = parse_one(unknown, {})
    assert out.status == "failed"
    assert "no profile in" in out.error and "sistema-x" in out.error
    with pytest.raises(UnknownLayoutError):
        from ingest.tabular.inputs import open_document

        open_document(unknown)
