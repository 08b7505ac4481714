"""The template ("modello di rilevazione"): one declaration of its sheets and fields.

Everything else reads this declaration: the writer (sheets, README sheet, validation lists,
example rows), the reader and the validator (types, required fields, closed lists), the
profile language (the fields a profile may fill) and docs/IMPORT.md.

Field names are Italian, as an observatory's staff read them. Every sheet has one header row
(the field names) and one data row per record; the order of the columns does not matter and
optional columns may be left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field types. Each has an Italian label (README sheet) and a parser in values.py.
TYPES = {
    "testo": "testo libero",
    "codice": "codice o identificativo (testo su una riga)",
    "intero": "numero intero",
    "anno": "anno a quattro cifre (1990-2100)",
    "percentuale": "percentuale da 0 a 100 (es. 25 oppure 25,5 %)",
    "numero": "numero in formato italiano (es. 1.234,5)",
    "importo": "importo in euro, formato italiano (es. 12.345,67)",
    "data": "data gg/mm/aaaa",
    "si_no": "sì oppure no",
    "scelta": "un valore dell'elenco",
}

ENTE_TYPES = ("Comune", "Unione", "ASC", "ASP", "Consorzio", "Altro")
FLOWS = ("entrata", "spesa")
NATURES = ("corrente", "investimento")
OPERATORS = ("=", ">=", "<=", ">", "<")
LEVELS = (
    "strategico",
    "operativo",
    "performance",
    "peg",
    "scheda",
    "indirizzo",
    "azione",
    "progetto",
    "area",
    "generale",
)
YES_NO = ("sì", "no")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    example: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()  # closed list: any other value is an error
    suggestions: tuple[str, ...] = ()  # open list offered in the spreadsheet
    references: str | None = None  # "sheet.field" this field must name (when filled)
    maximum: float | None = None  # for percentuale (default 100) and numbers

    @property
    def label(self) -> str:
        return self.name + (" *" if self.required else "")


@dataclass(frozen=True)
class Sheet:
    name: str
    table: str  # raw table (schema raw) the records land in
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()  # fields whose values must be unique within the document
    single_row: bool = False
    example: tuple[dict[str, str], ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name}: no field {name!r}")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _f(name: str, type_: str, description: str, example: str = "", **kw: object) -> Field:
    return Field(name, type_, description, example, **kw)  # type: ignore[arg-type]


RESP = _f(
    "responsabile",
    "testo",
    "persona o persone responsabili, separate da punto e virgola (titoli come dott. ammessi)",
    "dott.ssa Anna Rossi; Mario Bianchi",
)
RESP_ROLE = _f(
    "responsabile_ruolo",
    "testo",
    "ruolo, ufficio o struttura responsabile quando il piano non nomina una persona "
    "(più valori separati da punto e virgola)",
    "Responsabile Area Anziani",
)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "documento",
        "tpl_document",
        "Il documento: ente, tipo, territorio, periodo. Una sola riga.",
        (
            _f(
                "ente_id",
                "codice",
                "identificativo stabile dell'ente (minuscole e trattini)",
                "comune-di-esempio",
                required=True,
            ),
            _f("ente_nome", "testo", "nome dell'ente", "Comune di Esempio", required=True),
            _f("tipo_ente", "scelta", "tipo di ente", "Comune", required=True, choices=ENTE_TYPES),
            _f("regione", "testo", "regione", "Emilia-Romagna", required=True),
            _f("provincia", "codice", "sigla della provincia", "BO", required=True),
            _f(
                "tipo_documento",
                "testo",
                "tipo di documento (PEG, PIAO, piano della performance, relazione ...)",
                "PIAO 2024-2026, sezione Performance",
                required=True,
            ),
            _f("titolo", "testo", "titolo del documento come scritto", "PIAO 2024-2026"),
            _f("anno_inizio", "anno", "primo anno del periodo del piano", "2024", required=True),
            _f("anno_fine", "anno", "ultimo anno del periodo del piano", "2026", required=True),
        ),
        single_row=True,
    ),
    Sheet(
        "obiettivi",
        "tpl_objectives",
        "Gli obiettivi a ogni livello (strategici, operativi, schede ...), uno per riga.",
        (
            _f(
                "id_obiettivo",
                "codice",
                "identificativo dell'obiettivo in questo modello, "
                "univoco (di solito il codice del piano)",
                "OS1",
                required=True,
            ),
            _f(
                "codice",
                "codice",
                "codice come scritto nel piano (vuoto se il piano non ne dà)",
                "1.1",
            ),
            _f(
                "titolo",
                "testo",
                "titolo o descrizione dell'obiettivo (obbligatorio se manca il codice)",
                "Ridurre i tempi di attesa",
            ),
            _f(
                "livello",
                "testo",
                "livello dell'obiettivo",
                "strategico",
                required=True,
                suggestions=LEVELS,
            ),
            _f(
                "tipo_obiettivo",
                "testo",
                "tipo (miglioramento, gestionale ordinario, prioritario ...)",
                "miglioramento",
            ),
            _f(
                "id_padre",
                "codice",
                "id_obiettivo dell'obiettivo di livello superiore",
                "",
                references="obiettivi.id_obiettivo",
            ),
            _f("peso_pct", "percentuale", "peso dell'obiettivo sul totale del piano (%)", "20"),
            _f("cdr", "codice", "centro di responsabilità", "CDR01"),
            _f("missione", "codice", "codice della missione di bilancio", "12"),
            _f(
                "missione_nome",
                "testo",
                "nome della missione",
                "Diritti sociali, politiche sociali e famiglia",
            ),
            _f("programma", "codice", "codice del programma", "1207"),
            _f(
                "programma_nome",
                "testo",
                "nome del programma",
                "Programmazione e governo della rete dei servizi sociosanitari e sociali",
            ),
            _f("area", "testo", "area organizzativa", "Area Servizi alla Persona"),
            _f("servizio", "testo", "servizio", "Servizio Sociale"),
            RESP,
            RESP_ROLE,
        ),
        key=("id_obiettivo",),
    ),
    Sheet(
        "indicatori",
        "tpl_indicators",
        "Gli indicatori, uno per riga, con l'obiettivo che misurano.",
        (
            _f(
                "id_indicatore",
                "codice",
                "identificativo dell'indicatore in questo modello, univoco",
                "IND1",
                required=True,
            ),
            _f(
                "id_obiettivo",
                "codice",
                "id_obiettivo dell'obiettivo misurato (vuoto per "
                "indicatori dell'ente o di un servizio)",
                "OS1",
                references="obiettivi.id_obiettivo",
            ),
            _f("codice", "codice", "codice come scritto nel piano", "1"),
            _f(
                "nome",
                "testo",
                "nome o descrizione dell'indicatore (vuoto solo se il piano non lo dà)",
                "Tempo medio di risposta (giorni)",
            ),
            _f(
                "dimensione",
                "testo",
                "dimensione (Efficacia, Efficienza, Tempestività, Quantità ...)",
                "Tempestività",
            ),
            _f("formula", "testo", "formula di calcolo", "giorni tra domanda e risposta"),
            _f("note", "testo", "note", ""),
            _f("ambito", "testo", "ambito (obiettivo, servizio, ente ...)", "obiettivo"),
            _f("servizio", "testo", "servizio a cui si riferisce", ""),
        ),
        key=("id_indicatore",),
    ),
    Sheet(
        "anni_indicatori",
        "tpl_indicator_years",
        "Target e risultati degli indicatori per anno (più righe per anno se cambia il "
        "periodo o la struttura).",
        (
            _f(
                "id_indicatore",
                "codice",
                "id_indicatore dell'indicatore",
                "IND1",
                required=True,
                references="indicatori.id_indicatore",
            ),
            _f("anno", "anno", "anno del target", "2024", required=True),
            _f(
                "target",
                "testo",
                "target come scritto nel piano (numero, percentuale, data, sì/no o testo)",
                ">= 95%",
            ),
            _f(
                "operatore",
                "scelta",
                "operatore, se il target è un numero in colonna a sé",
                ">=",
                choices=OPERATORS,
            ),
            _f("risultato", "testo", "risultato raggiunto come rendicontato", "97%"),
            _f("raggiungimento_pct", "percentuale", "grado di raggiungimento (%)", "100"),
            RESP,
            RESP_ROLE,
            _f(
                "periodo",
                "codice",
                "periodo di rilevazione nell'anno (es. 1, 2 per semestri); vuoto = anno intero",
                "",
            ),
            _f("dettagli", "testo", "altre dimensioni della riga (campo: valore; ...)", ""),
        ),
    ),
    Sheet(
        "azioni",
        "tpl_actions",
        "Le azioni degli obiettivi (schede obiettivo).",
        (
            _f(
                "id_azione",
                "codice",
                "identificativo dell'azione in questo modello, univoco",
                "A1",
                required=True,
            ),
            _f(
                "id_obiettivo",
                "codice",
                "id_obiettivo dell'obiettivo",
                "OS1",
                required=True,
                references="obiettivi.id_obiettivo",
            ),
            _f("numero", "codice", "numero dell'azione come scritto", "1"),
            _f(
                "descrizione",
                "testo",
                "descrizione dell'azione",
                "Mappatura dei procedimenti",
                required=True,
            ),
            _f("risultato_atteso", "testo", "risultato atteso", "Mappa completata"),
            _f("innovazione", "si_no", "azione innovativa", "no", choices=YES_NO),
        ),
        key=("id_azione",),
    ),
    Sheet(
        "anni_azioni",
        "tpl_action_years",
        "Gli anni in cui ogni azione è prevista.",
        (
            _f(
                "id_azione",
                "codice",
                "id_azione dell'azione",
                "A1",
                required=True,
                references="azioni.id_azione",
            ),
            _f("anno", "anno", "anno", "2024", required=True),
            _f(
                "prevista",
                "si_no",
                "l'azione è prevista nell'anno",
                "sì",
                required=True,
                choices=YES_NO,
            ),
            _f("cella", "testo", "contenuto della cella come scritto nel piano (es. X)", "X"),
        ),
    ),
    Sheet(
        "fasi",
        "tpl_steps",
        "Le fasi (step) degli obiettivi con pesi e raggiungimento.",
        (
            _f(
                "id_obiettivo",
                "codice",
                "id_obiettivo dell'obiettivo",
                "OS1",
                required=True,
                references="obiettivi.id_obiettivo",
            ),
            _f("codice_fase", "codice", "codice della fase", "OS1.1"),
            _f(
                "descrizione",
                "testo",
                "descrizione della fase",
                "Avvio del servizio",
                required=True,
            ),
            _f("scadenza", "data", "scadenza", "30/06/2024"),
            _f("indicatore", "testo", "indicatore della fase", "delibera approvata"),
            _f("peso_obiettivo_pct", "percentuale", "peso della fase nell'obiettivo (%)", "50"),
            _f("peso_anno_pct", "percentuale", "peso della fase nell'anno (%)", "50"),
            _f("anno", "anno", "anno della fase", "2024"),
            _f("raggiungimento_pct", "percentuale", "raggiungimento della fase (%)", "100"),
            _f("verifica", "testo", "verifica / stato di attuazione", "Completata"),
        ),
    ),
    Sheet(
        "bilancio",
        "tpl_budget_lines",
        "Le righe di bilancio per capitolo/articolo.",
        (
            _f("anno", "anno", "esercizio", "2024"),
            _f("cdr", "codice", "centro di responsabilità", "CDR01"),
            _f("progetto", "codice", "codice del progetto", "P01"),
            _f("capitolo", "codice", "capitolo", "1234", required=True),
            _f("articolo", "codice", "articolo", "1"),
            _f("descrizione", "testo", "descrizione del capitolo", "Contributi a famiglie"),
            _f("voce", "testo", "colonna o voce del prospetto come scritta", "Spese correnti"),
            _f("flusso", "scelta", "entrata o spesa", "spesa", required=True, choices=FLOWS),
            _f(
                "natura",
                "scelta",
                "corrente o investimento",
                "corrente",
                required=True,
                choices=NATURES,
            ),
            _f("importo", "importo", "importo in euro", "12.345,67", required=True),
            _f("blocco", "intero", "numero del prospetto di bilancio nel progetto", "1"),
        ),
    ),
    Sheet(
        "progetti",
        "tpl_project_budget",
        "Budget dei progetti per CDR e quota (% di assorbimento) sul CDR.",
        (
            _f("cdr", "codice", "centro di responsabilità", "CDR01", required=True),
            _f("nome_cdr", "testo", "nome del CDR", "Servizi sociali"),
            _f("codice_progetto", "codice", "codice del progetto", "P01", required=True),
            _f("nome_progetto", "testo", "nome del progetto", "Domiciliarità"),
            _f("anno", "anno", "esercizio", "2024"),
            _f("indirizzo", "testo", "indirizzo strategico", ""),
            _f("obiettivo_strategico", "testo", "obiettivo strategico", ""),
            _f("azione", "testo", "azione strategica", ""),
            _f("budget", "importo", "budget del progetto (euro)", "100.000,00"),
            _f("assorbimento_pct", "percentuale", "% di assorbimento sul budget del CDR", "25"),
        ),
        key=("cdr", "codice_progetto"),
    ),
    Sheet(
        "personale",
        "tpl_staff",
        "Personale assegnato ai progetti con la quota di impegno.",
        (
            _f("progetto", "codice", "codice del progetto", "P01", required=True),
            _f("nome", "testo", "nome della persona", "Anna Rossi", required=True),
            _f(
                "ruolo",
                "testo",
                "relazione con il progetto (responsabile, collaboratore ...)",
                "collaboratore",
            ),
            _f(
                "impegno_pct",
                "percentuale",
                "quota di impegno sul progetto (%)",
                "50",
                required=True,
            ),
        ),
    ),
    Sheet(
        "pesi",
        "tpl_plan_weights",
        "Pesi dichiarati che devono sommare a 100 con gli altri del gruppo.",
        (
            _f(
                "gruppo",
                "codice",
                "gruppo di pesi (es. performance_organizzativa)",
                "performance_organizzativa",
                required=True,
            ),
            _f("voce", "testo", "voce pesata", "Performance organizzativa di ente", required=True),
            _f("peso_pct", "percentuale", "peso (%)", "50", required=True),
        ),
        key=("gruppo", "voce"),
    ),
)

README_SHEET = "LEGGIMI"
SHEETS_BY_NAME = {s.name: s for s in SHEETS}
# A workbook (or CSV folder) is a template when it has this sheet with these header fields.
MARKER_SHEET = "documento"
MARKER_FIELDS = ("ente_id", "tipo_ente", "anno_inizio")

EXAMPLE_ROWS: dict[str, dict[str, str]] = {
    s.name: {f.name: f.example for f in s.fields if f.example} for s in SHEETS
}
