# ruff: noqa: E501  (the excerpts are lines copied verbatim from the sample)
"""One test per rule of the PIAO parser (ingest/piao/), each on real lines of the sample
data/raw/002_142f2b20942e7c60.txt (Unione dei Comuni del Sorbara, PIAO 2023-2025), plus the
debris-independence test: the sample with export debris added or removed reads the same.

``SAMPLE_LINES`` holds the lines, copied with their TABs and keyed by their line number; the
first test checks that they are the sample's. Expected values were read off the document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from ingest.common import ParseResult
from ingest.piao import parse
from ingest.piao.blocks import ObjectiveBlock, Plain, Tabbed, TableRun, read_blocks, segment
from ingest.piao.context import (
    Context,
    in_area,
    in_missione,
    in_section,
    in_servizio,
    under_strategic,
)
from ingest.piao.defects import (
    bullet_as_label,
    is_garbled_line,
    is_introduction,
    is_misaligned,
    is_role,
    is_second_service,
    list_item_label,
    org_scope,
    parametro_figures,
    risk_value,
    split_label_cell,
    starts_objective_row,
    starts_org_row,
    starts_service_row,
)
from ingest.piao.front import read_front, toc_entry
from ingest.piao.headers import (
    AREAS,
    OBJECTIVE,
    ORG,
    SERVICE,
    WEIGHTS,
    header_kind,
    indicator_header,
    is_header_continuation,
    read_header,
    repeats_open_header,
    weight_group,
)
from ingest.piao.headings import (
    AreaHeading,
    IndicatoriHeading,
    MissioneHeading,
    ParametriHeading,
    ServizioHeading,
    YearHeading,
    is_narrative,
    is_section_heading,
    is_table_title,
    read_heading,
    read_missione,
    read_objective,
    read_servizio,
    split_inline_strategic,
)
from ingest.piao.lines import Line, as_written, clean_value, read_lines
from ingest.repairs import (
    has_underlined_sign,
    is_cut_word,
    is_markdown_separator,
    join_cut_text,
    remove_markup_debris,
)
from tests.helpers import doc_from_text, sample

SAMPLE = "002_142f2b20942e7c60.txt"

SAMPLE_LINES = {
    5: "PIAO 2023 - 2025",
    9: "Allegato Sottosezione 2.1 Performance",
    11: "Indice",
    13: "LA STRUTTURA DEL PIANO PERFORMANCE E OBIETTIVI OPERATIVI SPECIFICI\t3",
    14: "SEZIONE I\t4",
    16: "SEZIONE II\t",
    35: "LA STRUTTURA DEL PIANO PERFORMANCE E OBIETTIVI OPERATIVI SPECIFICI",
    41: "- ❖ a livello generale di ente, sono stati individuati degli indicatori attinenti alla gestione finanziaria e del personale dell'Unione;",
    66: "LIVELLO DI PERFORMANCE ORGANIZZATIVA\tPERCENTUALE",
    67: "Performance organizzativa di ente\t50 %",
    70: "* a livello generale di ente sono stati individuati i seguenti indicatori attinenti alla gestione finanziaria del bilancio ed alla gestione del personale dell'Unione dei Comuni del Sorbara, con i corrispondenti target:",
    72: "INDICATORE\tDEFINIZIONE\tTARGET",
    73: "Rigidità strutturale di bilancio\tIncidenza spese rigide (ripiano disavanzo, personale e debito) su accertamenti entrate correnti\tInferiore al 45%",
    76: 'Incidenza del salario accessorio ed incentivante\tImpegni (pdc 1.01.01.004 + 1.01.01.008 "indennità e\tInferiore al 20%',
    78: "rispetto al totale della spesa di personale\taltri compensi al personale a tempo indeterminato\t",
    91: "❖ a livello di struttura organizzativa sono stati individuati i seguenti indicatori:",
    98: "\t\t\t\t\tper l'acquisizion\t\t\t\tfabbisogni\tе\t",
    101: "Formazione\tdel\tpersonale\tcon\tparticolare\tConsolidamento\tdel la\tavoro\tagile\tattraverso\tla\tOrganizzazione a favore dei lavoratori di almeno un",
    112: "OBIETTIVO: AGGIORNAMENTO DEL PIANO DI AZIONI POSITIVE",
    114: "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'",
    121: "•\tanche dopo il DPCM del 23.09.2021 che ha previsto che la modalita' ordinaria di svolgimento della prestazione lavorativa nelle p.a. e' quella svolta in presenza, si garantisce la possibilità di accesso al lavoro agile, nel rispetto del Regolamento sulla disciplina del lavoro agile\taffari generali Unione comuni del Sorbara\tBASSA",
    123: "Area ECONOMICO FINANZIARIA",
    125: "CENTRO DI COSTO\tSERVIZIO\tRESPONSABILE",
    126: "RA01\tBILANCIO\tdott. Luigino BOARIN",
    127: "\tCONTROLLO DI GESTIONE\t(Responsabile Servizio Finanziario)",
    129: "Servizio BILANCIO - CONTROLLO DI GESTIONE",
    138: "PARAMETRI",
    140: "- numero di reversali di incasso (2.267 al 31.12.2022)",
    142: "- numero di atti pubblicati (686 determine e 152 delibere al 31.12.2022)",
    145: "INDICATORI Servizio Bilancio",
    147: "Dimensione di\tDenominazione indicatore\tFormula\tStandard\tRISCHIO",
    148: "performance\t\t\t\tCORRUTTIVO",
    149: "\t\t\t\tVALUTAZIONE",
    150: "\t\t\t\tCRITICITA'",
    151: "Tempestività\tPredisposizione dei documenti che compongono il\tRispetto del crono programma\t= 100%\tBASSA",
    152: "\tbilancio di previsione finanziario (bilancio di previsione\toperativo predisposto sulla base\t\t",
    202: "PROTOCOLLAZIONE GENERALE",
    209: "Servizio UNICO DEL PERSONALE OBIETTIVI OPERATIVI SPECIFICI 2023",
    211: "MISSIONE 01: SERVIZI ISTITUZIONALI, GENERALI E DI GESTIONE - PROGRAMMA 10: RISORSE UMANE",
    215: "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABI LE\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'",
    235: "Dimensione di performance\tDenominazione indicatore\tFormula\tStandard\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'",
    237: "Tempestività Efficienza\tPredisposizione previsioni spese di personale per i bilanci di previsione\tData richiesta - data trasmissione\tData trasmissione dei documenti <u><</u> rispetto alla scadenza prevista\tBASSA",
    238: "Tempestività\tAttività della delegazione trattante\tTempestività trasmissione\tEntro 5 giorni dalla stipula\tBASSA",
    240: "\tall'Aran\tdell'accordo\tdefinitiva\tdell'accordo",
    254: "OBIETTIVO: SVILUPPO UTILIZZO DELLA PIATTAFORMA SATER",
    256: "\tDESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'",
    257: "Verifica sul f\tunzionamento del servizio\tNumero gare digitali maggiore rispetto alle gare non digitali Aumento tendenziale gare digitali rispetto all'esercizio precedente\tResponsabile dell'Area Organizzazione ed affari generali\tMEDIA",
    320: "Redazione di progetti connessi alle esigenze di promozione territoriale delle\t\tResponsabile\tBASSA",
    322: "diverse amministrazioni e/o legati alla valorizzazione commerciale o delle attività produttive:\t\tservizio SUAP\t",
    323: "1) realizzazione area camper a Nonantola e trasferimento temporaneo del mercato settimanale per esecuzione dei lavori\tRealizzazione entro il 31/8/2023\t\t",
    393: "MISSIONE 04 – ISTRUZIONE E DIRITTO ALLO STUDIO - PROGRAMMA 06: SERVIZI AUSILIARI ALL'ISTRUZIONE OBIETTIVO STRATEGICO: GARANTIRE INCLUSIONE SCOLASTICA ALUNNI CON DISABILITÀ",
    419: "OBIETTIVO STRATEGICO: PARTECIPAZIONE ATTIVA DEI GIOVANI ALLA VITA PUBBLICA – SVILUPPO DEL PROTAGONISMO GIOVANILE",
    421: "OBIETTIVO: SVILUPPO DELLE AZIONI CONTENUTE NEL PROGRAMMA GIOVANI ATTRAVERSO LA COMPARTECIPAZIONE DEI GIOVANI AGLI SNODI DECISIONALI CHE LI RIGUARDANO",
    423: "BILLITYO, SYLEGITO BELLE AZIONI CONTENDIE NEL I NOGRAMIMA GIOVANI AT INAVERSO LA COMI ARTECII AZIONE BEI GIOVANI AGEI SNOBI BECISIONALI CHE EI NIGGARDANO\t\t\t\t\t",
    424: "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO\t\t",
    425: "\t\t\tCORRUTTIVO\t\t",
    427: "\t\t\tVALUTAZIONE CRITICITA'",
    428: "Elaborazione progetti di partecipazione giovanile nei territori dell'Unione\tn. 1 evento partecipato da realizzarsi entro il 31.12.2023\tDirigente area servizi alla\tBASSA",
    435: "DESCRIZIONE\tINDICATORE DI RISULTATO 2022\tRESPONSABILE\tRISCHIO CORRUTTIVO VALUTAZIONE",
    436: "Attuazione progettazioni dei servizio civile universale presso gli enti accoglienti individuati in fase di accreditamento\tn.progetti finanziati (n.2 progetti approvati con Delibera G.U. n. 37/2022) /n. progetti attivati = 100% al 31.12.2023\tDirigente area servizi alla persona\tCRITICITA' BASSA",
    440: "OBIETTIVI OPERATIVI SPECIFICI 2023",
    442: "MISSIONE 12 – DIRITTI SOCIALI, POLITICHE SOCIALI E FAMIGLIA - PROGRAMMA 2: INTERVENTI PER LA DISABILITÀ",
    452: "Garantire il funzionamento della rete dei servizi accreditati\tApprovazione atto d'indirizzo per l'individuazione del\t\tBASSA",
    453: "e non per la non autosufficienza / consolidare la\tfabbisogno dei servizi accreditati e non per diasbili – entro\t\t",
    456: "\tn. utenti con disabilità frequentanti i servizi semi – residenziali al 31.12.2022 (n. 75)/n. utenti per cui sono state sperimentate nuove progettualità =≥ 25% entro 31.12.2023\tDirigente area servizi alla persona\tMEDIA",
    534: "OBIETTIVO PERSEGUIRE CONDIZIONI DI EQUITÀ PER I CITTADINI ATTRAVERSO L'OMOGENEIZZAZIONE DEI CRITERI DI SPESA",
    574: "DESCRIZIONE\tDESCRIZIONE INDICATORI DI RISULTATO 2023\t\tRISCHIO CORRUTTIVO",
    577: "Attuazione percorsi di autonomia per persone con\tApprovazione atto indicante modalità attuative linea\tDirigente area servizi alla\tMEDIA",
    642: "Area POLIZIA LOCALE",
    644: "CENTRO\tDESCRIZIONE\tRESPONSABILE",
    645: "PEG\t\t",
    647: "\tSERVIZIO DI POLIZIA LOCALE PRESIDIO DI NONANTOLA\tIsp. Marco GOBBO",
    660: "\tDESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO CORRUTTIVO",
    661: "a)\tPredisposizione turnazioni serali, notturne e festive anche a livello sovra comunale in armonia con le turnazioni dei presidi territoriali\tNumero dei servizi sul territorio.\t\tMEDIA",
}


def _lines(*numbers: int) -> list[Line]:
    """The sample's lines ``numbers`` as a document of their own, read by stage 1."""
    lines, notes = read_lines(doc_from_text("\n".join(SAMPLE_LINES[n] for n in numbers)))
    assert notes == []
    return lines


def _cells(n: int) -> list[str]:
    return doc_from_text(SAMPLE_LINES[n]).cells(1)


def test_excerpts_are_the_sample_lines() -> None:
    doc = sample(SAMPLE)
    for n, text in SAMPLE_LINES.items():
        assert doc.line(n) == text, n


# --- stage 1: lines and export debris (ingest/repairs.py, ingest/piao/lines.py) ------------

# a separator line of the ASC 2025 export (001_873564630502075e.txt line 18), and the form
# markdown tables give it
SEPARATORS = ["--\t--\t--\t-----------------\t--\t--\t--", "| --- | --- |", "|:--|--:|"]


@pytest.mark.parametrize("text", SEPARATORS)
def test_markdown_separator_is_recognised(text: str) -> None:
    assert is_markdown_separator(text)


@pytest.mark.parametrize("n", [67, 140, 151, 240])
def test_content_lines_are_not_separators(n: int) -> None:
    assert not is_markdown_separator(SAMPLE_LINES[n])


def test_markdown_separator_line_is_left_out_of_the_table() -> None:
    doc = doc_from_text("\n".join([SAMPLE_LINES[66], SEPARATORS[0], SAMPLE_LINES[67]]))
    lines, notes = read_lines(doc)
    assert [x.n for x in lines] == [1, 3]
    assert [(x.n, x.detail) for x in notes] == [(2, "markdown_separator")]
    r = parse(doc)
    assert [w["item"] for w in r.tables["piao_weights"]] == ["Performance organizzativa di ente"]


def test_markup_debris_is_removed_and_tabs_kept() -> None:
    bold = "<b>DESCRIZIONE</b>\t<b>INDICATORE DI RISULTATO 2023</b>\t**RESPONSABILE**\t<b>RISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'</b>"
    assert remove_markup_debris(bold) == SAMPLE_LINES[114]
    assert remove_markup_debris("## " + SAMPLE_LINES[145]) == SAMPLE_LINES[145]
    assert remove_markup_debris("**" + SAMPLE_LINES[112] + "**") == SAMPLE_LINES[112]


def test_underlined_comparison_sign_is_content_not_debris() -> None:
    line = SAMPLE_LINES[237]
    assert has_underlined_sign(line)
    assert remove_markup_debris(line) == line
    standard = _cells(237)[3]
    assert clean_value(standard) == (
        "Data trasmissione dei documenti <u><</u> rispetto alla scadenza prevista"
    )
    bold = "\t".join(f"<b>{c}</b>" for c in line.split("\t"))
    assert remove_markup_debris(bold) == line


def test_line_with_only_markup_is_boilerplate() -> None:
    lines, notes = read_lines(doc_from_text("<b></b>\t<b></b>\n" + SAMPLE_LINES[138]))
    assert [x.s for x in lines] == ["PARAMETRI"]
    assert [(x.n, x.detail) for x in notes] == [(1, "markup_only_line")]


def test_line_kept_as_written_shows_its_columns() -> None:
    assert as_written(SAMPLE_LINES[240]) == "| all'Aran | dell'accordo | definitiva | dell'accordo"


# --- cut words (ingest/repairs.py) ---------------------------------------------------------


def test_cut_inside_a_word_is_rejoined_without_a_space() -> None:
    label, desc = _cells(257)[:2]
    assert is_cut_word(label, desc)
    assert join_cut_text(label, desc) == "Verifica sul funzionamento del servizio"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (_cells(76)[0], _cells(78)[0]),  # "... incentivante" / "rispetto al totale ..."
        (_cells(452)[0], _cells(453)[0]),  # "... servizi accreditati" / "e non per ..."
        (_cells(320)[0], _cells(322)[0]),  # "... territoriale delle" / "diverse ..."
    ],
)
def test_pieces_of_a_wrapped_text_are_joined_with_a_space(left: str, right: str) -> None:
    assert not is_cut_word(left, right)
    assert join_cut_text(left, right) == f"{left} {right}"


# --- stage 2a: title block and table of contents (ingest/piao/front.py) --------------------


def test_front_matter_gives_period_sottosezione_and_toc_titles() -> None:
    lines = _lines(5, 9, 11, 13, 14, 16, 35)
    front, notes = read_front(lines)
    assert front.period == (2023, 2025)
    assert front.doc_title == "PIAO 2023 - 2025 - Sottosezione 2.1 Performance"
    assert front.toc_titles == {
        "LA STRUTTURA DEL PIANO PERFORMANCE E OBIETTIVI OPERATIVI SPECIFICI",
        "SEZIONE I",
        "SEZIONE II",
    }
    assert [x.detail for x in notes] == ["document_title"] * 2 + ["table_of_contents"] * 4
    assert lines[front.body_start].n == 7  # the first TOC title repeated starts the body


def test_toc_entry_with_and_without_page_number() -> None:
    first = "LA STRUTTURA DEL PIANO PERFORMANCE E OBIETTIVI OPERATIVI SPECIFICI"
    lines = _lines(13, 16, 35)
    assert toc_entry(lines[0], None) == first
    assert toc_entry(lines[1], first) == "SEZIONE II"
    assert toc_entry(lines[2], first) is None  # the first title again: the body starts


# --- table headers (ingest/piao/headers.py) ------------------------------------------------


@pytest.mark.parametrize(
    ("n", "kind"),
    [
        (66, WEIGHTS),
        (72, ORG),
        (125, AREAS),
        (644, AREAS),
        (114, OBJECTIVE),
        (256, OBJECTIVE),
        (574, OBJECTIVE),
        (147, SERVICE),
        (235, SERVICE),
        (151, None),
        (645, None),
    ],
)
def test_header_kind(n: int, kind: str | None) -> None:
    assert header_kind(_cells(n)) == kind


def test_header_with_label_column_reads_by_position() -> None:
    (line,) = _lines(256)
    h = read_header(line, OBJECTIVE)
    assert (h.offset, h.has_risk, h.width) == (1, True, 5)


def test_header_with_a_missing_cell_reads_by_position() -> None:
    (line,) = _lines(574)  # DESCRIZIONE / DESCRIZIONE INDICATORI ... / (empty) / RISCHIO
    h = read_header(line, OBJECTIVE)
    assert (h.offset, h.has_risk, h.width) == (0, True, 4)
    assert h.raw == "DESCRIZIONE INDICATORI DI RISULTATO 2023"


def test_header_year_is_the_tables_own() -> None:
    assert indicator_header(_cells(435)) == ("INDICATORE DI RISULTATO 2022", 2022)
    assert indicator_header(_cells(114)) == ("INDICATORE DI RISULTATO 2023", 2023)


@pytest.mark.parametrize("n", [148, 149, 150, 425, 427, 645])
def test_header_split_over_lines(n: int) -> None:
    assert is_header_continuation(_cells(n))


@pytest.mark.parametrize("n", [151, 152, 240, 647])
def test_data_line_is_not_a_header_continuation(n: int) -> None:
    assert not is_header_continuation(_cells(n))


def test_repeated_header_after_a_page_break() -> None:
    assert repeats_open_header(SERVICE, True, SERVICE)
    assert not repeats_open_header(SERVICE, False, SERVICE)  # header split over lines
    assert not repeats_open_header(OBJECTIVE, True, SERVICE)
    lines = _lines(147, 148, 149, 150, 151, 152, 147, 148, 149, 150)
    segments, notes = segment(lines, 0)
    (run,) = segments
    assert [x.n for x in run.lines] == [5, 6]
    assert [(x.n, x.detail) for x in notes] == [(1, "table_header")] + [
        (n, "table_header") for n in (2, 3, 4)
    ] + [(7, "repeated_table_header")] + [(n, "table_header") for n in (8, 9, 10)]


def test_weight_group_from_the_header() -> None:
    assert weight_group(_cells(66)[0]) == "performance_organizzativa"


# --- headings (ingest/piao/headings.py) ----------------------------------------------------


def test_glued_servizio_title_is_split() -> None:
    assert read_servizio(209, SAMPLE_LINES[209]) == ServizioHeading(
        209, "UNICO DEL PERSONALE", 2023
    )
    assert read_servizio(129, SAMPLE_LINES[129]) == ServizioHeading(
        129, "BILANCIO - CONTROLLO DI GESTIONE", None
    )


def test_missione_heading_glued_to_its_strategic_objective() -> None:
    rest, strategic = split_inline_strategic(SAMPLE_LINES[393])
    assert strategic == "GARANTIRE INCLUSIONE SCOLASTICA ALUNNI CON DISABILITÀ"
    assert rest.endswith("PROGRAMMA 06: SERVIZI AUSILIARI ALL'ISTRUZIONE")
    h = read_missione(393, SAMPLE_LINES[393])
    assert h is not None and h.strategic == strategic
    assert (h.missione.code, h.missione.programma_code) == ("04", "06")
    assert h.missione.programma_name == "SERVIZI AUSILIARI ALL'ISTRUZIONE"


def test_missione_codes_as_written_and_two_digits() -> None:
    h = read_missione(442, SAMPLE_LINES[442])
    assert h is not None and h.strategic is None
    m = h.missione
    assert (m.code, m.code_raw, m.programma_code, m.programma_code_raw) == ("12", "12", "02", "2")
    assert m.name == "DIRITTI SOCIALI, POLITICHE SOCIALI E FAMIGLIA"
    assert m.programma_name == "INTERVENTI PER LA DISABILITÀ"


def test_objective_headings() -> None:
    strategic = read_objective(419, SAMPLE_LINES[419])
    assert strategic is not None and strategic.level == "strategico"
    operativo = read_objective(534, SAMPLE_LINES[534])  # "OBIETTIVO" without a colon
    assert operativo is not None and operativo.level == "operativo"
    assert operativo.title.startswith("PERSEGUIRE CONDIZIONI DI EQUITÀ")


def test_heading_precedence() -> None:
    assert read_heading(123, SAMPLE_LINES[123]) == AreaHeading(123, "ECONOMICO FINANZIARIA")
    assert isinstance(read_heading(211, SAMPLE_LINES[211]), MissioneHeading)
    assert read_heading(202, SAMPLE_LINES[202]) is None
    assert read_heading(440, SAMPLE_LINES[440]) == YearHeading(440, 2023)
    assert read_heading(145, SAMPLE_LINES[145]) == IndicatoriHeading(145, "Servizio Bilancio")
    assert read_heading(138, SAMPLE_LINES[138]) == ParametriHeading(138)


def test_section_heading_needs_the_table_of_contents() -> None:
    toc = {"LA STRUTTURA DEL PIANO PERFORMANCE E OBIETTIVI OPERATIVI SPECIFICI"}
    assert is_section_heading(SAMPLE_LINES[35], toc)
    assert not is_section_heading(SAMPLE_LINES[35], set())
    assert is_section_heading("SEZIONE II", set())


def test_table_title_and_narrative() -> None:
    assert is_table_title(SAMPLE_LINES[202])
    assert not is_table_title(SAMPLE_LINES[91])  # a sentence ending with ":"
    assert is_narrative(SAMPLE_LINES[41]) and is_narrative(SAMPLE_LINES[91])
    assert not is_narrative(SAMPLE_LINES[202])


# --- defects of the tables (ingest/piao/defects.py) ----------------------------------------


def test_risk_value_with_header_words_in_the_cell() -> None:
    assert risk_value(_cells(436)[3]) == "BASSA"  # "CRITICITA' BASSA"
    assert risk_value(_cells(428)[3]) == "BASSA"
    assert risk_value(_cells(240)[4]) is None  # "dell'accordo"


def test_text_in_the_risk_column_is_misaligned() -> None:
    cells = _cells(240)
    assert is_misaligned(cells, 5, cells[4])
    ok = _cells(238)
    assert not is_misaligned(ok, 5, ok[4])


def test_garbled_indicator_line_has_cells_beyond_the_header() -> None:
    assert is_garbled_line(_cells(101), 3)
    assert is_garbled_line(_cells(98), 3)
    assert not is_garbled_line(_cells(73), 3)


def test_org_row_wrapped_until_a_capital() -> None:
    assert starts_org_row(_cells(73)[0])
    assert not starts_org_row(_cells(78)[0])  # "rispetto al totale ..." goes on the name


def test_service_row_starts_with_a_dimension() -> None:
    assert starts_service_row(_cells(151)[0])
    assert not starts_service_row(_cells(152)[0])


def test_second_service_of_a_centro_and_role_in_parentheses() -> None:
    centro, service, resp = _cells(127)
    assert is_second_service(centro, service, True)
    assert is_role(resp)
    assert not is_role(_cells(126)[2])
    assert not is_second_service(*_cells(126)[:2], True)  # a filled centro is a new centro


def test_description_cut_into_the_label_column() -> None:
    label, desc = _cells(257)[:2]
    assert split_label_cell(label, desc) == (
        "",
        "Verifica sul funzionamento del servizio",
        "Verifica sul f | unzionamento del servizio",
    )
    assert split_label_cell(*_cells(661)[:2]) == ("a)", _cells(661)[1], None)


def test_bullet_in_the_description_cell_is_the_label() -> None:
    desc = _cells(121)[0]
    assert bullet_as_label("", desc) == ("•", "")
    other = _cells(452)[0]
    assert bullet_as_label("", other) == ("", other)


def test_list_item_with_its_own_indicator() -> None:
    desc, ind = _cells(323)[:2]
    assert list_item_label(desc, ind, None) == "1)"
    assert list_item_label(desc, "", None) is None  # no indicator of its own
    assert is_introduction(_cells(322)[0])
    assert not is_introduction(_cells(320)[0])


def test_objective_row_starts() -> None:
    common = {"has_label_column": False, "has_risk_column": True, "is_item": False, "label": ""}
    # line 456: a second risk value while the row above has one -> a new row
    desc, _, _, risk = _cells(456)
    assert starts_objective_row(
        **common, description=desc, risk=risk_value(risk), row_above_has_risk=True
    )
    # line 453: no risk, lowercase description -> continuation of the row above
    assert not starts_objective_row(
        **common, description=_cells(453)[0], risk=None, row_above_has_risk=True
    )
    # line 661: a filled label column
    assert starts_objective_row(
        has_label_column=True,
        has_risk_column=True,
        is_item=False,
        label="a)",
        description=_cells(661)[1],
        risk="MEDIA",
        row_above_has_risk=True,
    )


def test_org_scope_from_the_introducing_sentence() -> None:
    assert org_scope(SAMPLE_LINES[70]) == "ente"
    assert org_scope(SAMPLE_LINES[91]) == "struttura"
    assert org_scope(SAMPLE_LINES[202]) is None


def test_parametro_with_one_figure_or_two() -> None:
    assert parametro_figures(SAMPLE_LINES[140][2:]) == ("2.267", "31.12.2022")
    assert parametro_figures(SAMPLE_LINES[142][2:]) == (None, "31.12.2022")


# --- blocks and context (ingest/piao/blocks.py, context.py) --------------------------------


def test_garbled_text_between_objective_and_table_is_kept_on_the_objective() -> None:
    lines = _lines(419, 421, 423, 424, 425, 427, 428)
    segments, _ = segment(lines, 0)
    assert [type(s) for s in segments] == [Plain, Plain, Tabbed, TableRun]
    blocks, notes = read_blocks(segments, set())
    strategic, operativo, table = blocks
    assert isinstance(operativo, ObjectiveBlock)
    assert [x.n for x in operativo.extra] == [3]
    assert table.objective_seq == operativo.seq == 2
    assert notes == []


def test_context_resets() -> None:
    area = AreaHeading(123, "ECONOMICO FINANZIARIA")
    servizio = read_servizio(129, SAMPLE_LINES[129])
    missione = read_missione(211, SAMPLE_LINES[211])
    assert servizio is not None and missione is not None
    ctx = in_missione(in_servizio(in_area(Context(), area), servizio), missione)
    ctx = under_strategic(ctx, 3)
    again = in_servizio(ctx, servizio)
    assert (again.area, again.missione, again.strategic_seq) == (
        "ECONOMICO FINANZIARIA",
        None,
        None,
    )
    after_area = in_area(ctx, AreaHeading(642, "POLIZIA LOCALE"))
    assert (after_area.servizio, after_area.missione) == (None, None)
    after_section = in_section(ctx, "SEZIONE II")
    assert (after_section.area, after_section.section) == (None, "SEZIONE II")


# --- debris independence -------------------------------------------------------------------

_TAG = re.compile(r"</?b>", re.IGNORECASE)
_SEPARATOR_ONLY = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")


def _strip_debris(text: str) -> str | None:
    """A line without export debris (None: the line is only debris): ``<b>``/``</b>``, ``**``
    markup, leading ``#`` markers; markdown separator lines are dropped."""
    if _SEPARATOR_ONLY.match(text) and text.count("-") >= 2:
        return None
    return re.sub(r"^( *)#+ +", r"\1", _TAG.sub("", text).replace("**", ""))


_HEADER_START = re.compile(
    r"^\t?(DESCRIZIONE|INDICATORE\tDEFINIZIONE|CENTRO|Dimensione di|LIVELLO DI PERFORMANCE)"
)


def _add_debris(lines: list[str]) -> list[tuple[int | None, str]]:
    """The lines dressed as other exports dress them: headings marked with ``##`` or bold,
    header and first cells in ``<b>``, a markdown separator under every table header.
    Returns (original line number or None for an added line, text)."""
    out: list[tuple[int | None, str]] = []
    for n, text in enumerate(lines, start=1):
        if _HEADER_START.match(text):
            cells = text.split("\t")
            out.append((n, "\t".join(f"<b>{c}</b>" if c else c for c in cells)))
            out.append((None, "\t".join("--" for _ in cells)))
            if n % 2:
                out.append((None, "| " + " | ".join("---" for _ in cells) + " |"))
        elif "\t" in text and text.split("\t")[0].strip():
            first, rest = text.split("\t", 1)
            out.append((n, f"**{first}**\t{rest}"))
        elif text.startswith(("OBIETTIVO", "INDICATORI", "PARAMETRI", "SEZIONE")):
            out.append((n, "## " + text))
        elif text.startswith(("Area ", "Servizio ", "MISSIONE", "PIAO")):
            out.append((n, f"<b>{text}</b>"))
        else:
            out.append((n, text))
    return out


def _records(result: ParseResult, line_of: dict[int, int]) -> dict[str, list[dict[str, Any]]]:
    """Every record, with its line numbers translated to the original document's."""
    out = {}
    for table, rows in result.tables.items():
        out[table] = [
            {
                **r,
                "document_id": None,
                "source_line": line_of[r["source_line"]],
                "source_line_end": line_of[r["source_line_end"]],
            }
            for r in rows
        ]
    return out


def _statuses(result: ParseResult, line_of: dict[int, int]) -> dict[int, tuple[str, str]]:
    result.ledger.finalize()
    return {
        line_of[r["line_no"]]: (r["status"], r["detail"])
        for r in result.ledger.rows()
        if r["line_no"] in line_of and r["status"] != "blank"
    }


@pytest.fixture(scope="module")
def original() -> tuple[dict[str, Any], dict[int, tuple[str, str]], ParseResult]:
    result = parse(sample(SAMPLE))
    identity = {n: n for n in range(1, len(sample(SAMPLE).lines) + 1)}
    return _records(result, identity), _statuses(result, identity), result


def _variant(numbered: list[tuple[int | None, str]]) -> tuple[ParseResult, dict[int, int]]:
    result = parse(doc_from_text("\n".join(text for _, text in numbered) + "\n"))
    line_of = {new: old for new, (old, _) in enumerate(numbered, start=1) if old is not None}
    return result, line_of


def test_sample_with_debris_removed_reads_the_same(original) -> None:
    """The PIAO sample carries none of this debris (its only markup, an underlined "<", is
    content): removing it must change nothing, line for line."""
    records, statuses, result = original
    lines = list(sample(SAMPLE).lines)
    kept = [(n, t) for n, t in enumerate(lines, start=1) if _strip_debris(t) is not None]
    stripped, line_of = _variant([(n, _strip_debris(t) or "") for n, t in kept])
    assert _records(stripped, line_of) == records
    assert _statuses(stripped, line_of) == statuses
    assert (stripped.doc_title, stripped.period_start_year) == (result.doc_title, 2023)


def test_sample_with_debris_of_other_exports_reads_the_same(original) -> None:
    """Every table, every figure and every raw text is the same when the sample is dressed
    with the debris other exports carry; added separator lines are boilerplate."""
    records, statuses, result = original
    numbered = _add_debris(list(sample(SAMPLE).lines))
    assert [_strip_debris(t) for _, t in numbered if _strip_debris(t) is not None] == list(
        sample(SAMPLE).lines
    )  # only debris was added
    dressed, line_of = _variant(numbered)
    assert sum(1 for old, _ in numbered if old is None) >= 60
    assert _records(dressed, line_of) == records
    assert _statuses(dressed, line_of) == statuses
    added = [new for new, (old, _) in enumerate(numbered, start=1) if old is None]
    dressed.ledger.finalize()
    assert {dressed.ledger.status(n).detail for n in added} == {"markdown_separator"}
    assert dressed.doc_title == result.doc_title
    figures = [r["weight_pct"] for r in dressed.tables["piao_weights"]]
    assert figures == [Decimal("50"), Decimal("50")]
