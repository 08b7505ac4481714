"""Tests for ingest/asc_schede/ (ASC InSieme "schede obiettivo", layouts asc_2021/asc_2025).

Excerpts are copied line by line (with their TABs) from the real samples in data/raw/;
the expected figures were read off the documents by a person, not taken from the parser.
Excerpt line numbers are 1-based within the excerpt (given next to the original line).
"""

# The excerpts are the documents' lines verbatim, longer than the 100-character limit.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from ingest.asc_schede import FAMILY, parse, resolve_years, split_responsabili
from ingest.common import ParseResult, UnknownLayoutError
from tests.helpers import doc_from_text, sample

FILE_2021 = "000_e3700703ee819e5c.txt"
FILE_2025 = "001_873564630502075e.txt"

# 000, lines 3-23: Scheda 1 (asc_2021 layout), complete.
EXCERPT_2021_SCHEDA_1 = (
    "<b>Scheda 1</b>\t\n"
    "Obiettivo da piano programma 2021-2023\t<b>Supportare l'Unione nel sistema di governance in rapporto ai processi di pianificazione, programmazione e rendicontazione dei servizi</b>\n"
    "Responsabile\tDirettrice/Responsabili di Servizio\n"
    "Altri servizi coinvolti\tUnione\n"
    "\n"
    "AZIONI\t\t\t\t\t\t\n"
    "\tInnovazione\tDescrizione\tRisultato atteso\t2021\t2022\t2023\n"
    "1\t\tPartecipazione ai tavoli tecnici e politici di coordinamento dei servizi. Produzione di materiali informativo-conoscitivi dei servizi\tOmogeneizzazione di istituti e procedure\tX\tX\tX\n"
    "2\t\tSupporto e partecipazione alla realizzazione dello studio organizzativo sulla governance Unione-Comuni-Asc e valutazione delle diverse proposte\tProposta e confronto sul modello organizzativo più funzionale allo svolgimento delle attività in una logica di efficacia, efficienza ed economicità\tX\t\t\n"
    "3\tX\tCapacità di riconvertire l'attività ordinaria dei servizi di fronte a emergenze particolari\tRimodulazione delle attività al fine di garantire lo svolgimento di servizi alla cittadinanza\tX\tX\tX\n"
    "4\t\tOmogeneità nelle tariffe dei servizi\tApplicazione dell'Isee ai servizi per la non autosufficienza per il calcolo della capacità economica e controlli di veridicità\tX\tX\tX\n"
    "\n"
    "## INDICATORI DI PERFORMANCE\n"
    "\n"
    "\tDescrizione\tPrevisione 2021\tRisultato 2021\tPrevisione 2022\tRisultato 2022\tPrevisione 2023\tRisultato 2023\tNOTE\n"
    "1\tIstituti contrattuali, procedure omogeneizzate/ istituti e procedure difformi attraverso reportistica condivisa per la rendicontazione e la valutazione dei servizi\t2\t\tAd inizio stimare gli istituti che si intende omogeneizzare\t\tAd inizio stimare gli istituti che si intende omogeneizzare\t\tIndicatore numerico  (ad esempio procedura buoni spesa, report periodici ai Sindaci...)\n"
    "2\tPartecipazione ai tavoli tecnici e politici di valutazione e studio della materia al fine di elaborare proposte congiunte di nuovi modelli organizzativi\t100%\t\t100%\t\t100%\t\t\n"
    "3\tNuove attività proposte in relazione a nuove necessità della cittadinanza\t2\t\t2\t\t2\t\tServizi rimodulati\n"
    "4\tApplicazione dell'Isee secondo le modalità indicate nella delibera del CU n. 15/17\t80%\t\t>95%\t\t>95%\t\t\n"
    "4\tPredisposizione di una proposta di modifica delle tariffe dei servizi rivolti ai disabili\tSI\t\t\t\t\t\t\n"
    "4\tAttuazione dei controlli di difformità delle DSU\t3%\t\t5%\t\t5%\t\t\n"
)

# 000, lines 25-41: Scheda 2; the INDICATORI header has an empty Descrizione cell and the
# Risultato 2021 column holds texts.
EXCERPT_2021_SCHEDA_2 = (
    "<b>Scheda 2</b>\t\n"
    "Obiettivo da piano programma 2021-2023\t<b>Ridefinire modalità di gestione e organizzazione dell'Azienda, le responsabilità attribuite, i profili professionali, gli aspetti e le modalità tecnico-amministrative di gestione dei servizi</b>\n"
    "Responsabile\tDirettora/Responsabili di Servizio\n"
    "Altri servizi coinvolti\t\n"
    "\n"
    "AZIONI\t\t\t\t\t\t\n"
    "\tInnovazione\tDescrizione\tRisultato atteso\t2021\t2022\t2023\n"
    "1\tX\tImplementazione del modello di organizzazione dei servizi dell'Azienda\tRealizzazione del documento dell'organizzazione dei servizi con individuazione della macro organizzazione coerente con gli indirizzi dell'Unione. Rappresentazione puntuale dei servizi e delle procedure dell'Azienda nello svolgimento delle attività assegnate dalla committenza tramite la descrizione dei processi di erogazione dei servizi e delle risorse attribuite\tX\t\t\n"
    "2\tX\tAttuazione della nuova organizzazione delle posizioni organizzative\tMonitoraggio dell'attività svolta dalle nuove PO a seguito della macro-organizzazione avviata nel 2020\tX\tX\tX\n"
    "3\tX\tRidefinizione dei ruoli di coordinamento\tAnalisi e consolidamento dei ruoli di coordinamento nella nuova macro-organizzazione\tX\tX\tX\n"
    "\n"
    "## INDICATORI DI PERFORMANCE\n"
    "\n"
    "\t\tPrevisione 2021\tRisultato 2021\tPrevisione 2022\tRisultato 2022\tPrevisione 2023\tRisultato 2023\tNOTE\n"
    "1\tVerifica dell'impatto del nuovo modello organizzativo\tSI\tRisultanze di impatto positivo\t\t\t\t\t\n"
    "2\tAnalisi delle attività assegnate all'Azienda dal committente e riorganizzazione delle Unità Operative\tSI\tRelazione di congruità del nuovo modello\tSI\t\tSI\t\t\n"
    "3\tDefinizione dei ruoli di coordinamento all'interno delle Aree\tSi\tRidefinizione entro giugno 2021\tSi\t\tSi\t\t\n"
)

# 000, lines 89-96, 101-103, 110-113, 132: Scheda 5, everything in <b>; a blank line inside
# the AZIONI table (page break between actions 6 and 7); the last row of the file, whose
# Risultato 2021 text is split across two cells by the export.
EXCERPT_2021_SCHEDA_5 = (
    "<b>Scheda 5</b>\t\n"
    "<b>Obiettivo da piano programma 2021-2023</b>\t<b>Servizi alla persona – Area Anziani e Disabili, Adulti, Minori e Famiglie</b>\n"
    "<b>Responsabile</b>\t<b>Direttora/Responsabili di Area</b>\n"
    "<b>Altri servizi coinvolti</b>\t<b>Ausl/Istituti Scolastici/Città Metropolitana/Comuni</b>\n"
    "\n"
    "<b>AZIONI</b>\t\t\t\t\t\t\n"
    "\t<b>Innovazione</b>\t<b>Descrizione</b>\t<b>Risultato atteso</b>\t<b>2021</b>\t<b>2022</b>\t<b>2023</b>\n"
    "1\tx\tRiorganizzazione dei servizi di accesso – Sportelli Sociali\tMonitoraggio della rimodulazione del servizio attraverso l'organizzazione di un punto unico distrettuale per la gestione delle attività di back office dello Sportello Sociale\tX\tX\tX\n"
    "6\tx\tSperimentazione Budget di Salute\tAvvio della sperimentazione del budget di salute in collaborazione con il servizio AUSL/Centro di Salute Mentale\tX\tX\t\n"
    "\n"
    "7\tX\tEducativa scolastica a favore di alunni disabili\tProgrammazione degli interventi per la pianificazione della spesa e soluzioni di maggiore efficientamento aumentando il numero di alunni coinvolti nel rispetto del budget assegnato ricorrendo anche a strumentazione informatica. Confronto con servizi comunali.\tX\tX\tX\n"
    "\n"
    "## INDICATORI DI PERFORMANCE\n"
    "\n"
    "\t\tPrevisione 2021\tRisultato 2021\tPrevisione 2022\tRisultato 2022\tPrevisione 2023\tRisultato 2023\tNOTE\n"
    "13\tAffidamento del servizio di trasporto sociale tramite procedura comparativa che privilegi la co-progettazione con il terzo settore\tSi\tConclusione procediment\to settembre 2021\t\t\t\t\n"
)

# 001, lines 3-27: Scheda 1 (asc_2025 layout): AZIONI row 5 continued after a page break
# (line 17 -> excerpt 15), markdown separator (18 -> 16), an unnumbered full indicator
# (26 -> 24).
EXCERPT_2025_SCHEDA_1 = (
    "Scheda 1\t\n"
    "Obiettivo da piano programma 2025-2027\tSTRATEGIE DI ORGANIZZAZIONE E REINGEGNERIZZAZIONE DEI PROCESSI\n"
    "Responsabile\tDirettore/Responsabili di Servizio\n"
    "Altri servizi coinvolti\t\n"
    "\n"
    "AZIONI\n"
    "\n"
    "\tInnovazione\tDescrizione\tRisultato atteso\t2025\t2026\t2027\n"
    "1\t\tPromuovere l'innovazione in materia di gestione dell'organizzazione aziendale\tDotare l'Azienda di strumenti che permettano l'operatività della struttura amministrativa e l'emanazione di provvedimenti finali nei confronti dei cittadini in maniera efficiente e trasparente:\tX\tX\tX\n"
    "2\t\tPromuovere l'innovazione in materia di organizzazione dei Servizi Sociali\tMigliorare la qualità e l'efficienza dei processi di gestione dei servizi sociali tramite iniziative di benchmarking su target annualmente condivisi con l'Unione\tX\tX\tX\n"
    "3\t\tPartecipare in qualità di soggetto attuatore alla progettazione degli interventi previsti dal PNRR - Missione 5\tRealizzazione dei progetti PNRR Missione 5 \"Inclusione e Coesione\", Componente 2, presentati dall'Unione e approvati dal Ministero dell'Economia e delle Finanze\tX\tX\t\n"
    "4\tX\tMigliorare la qualità del procedimento di Accesso alla Rete dei Servizi da parte dei cittadini\tGestire i PUA - Punti Unici di Accesso - alla rete dei servizi socio-sanitari integrati con gli sportelli sociali, in tutti i territori dell'Unione: a. garantire le stesse procedure di accesso anche ai cittadini che si rivolgono a tutti gli sportelli sociali di ASC; b. garantire la valutazione del bisogno veloce a tutti i cittadini che esprimono al PUA o allo Sportello sociale un bisogno di tutela socio sanitaria definito urgente con strumenti di valutazione omogenei\tX\tX\tX\n"
    "5\tX\tDefinizione dei procedimenti amministrativi con maggiore impatto in termini di tempo lavoro e numero di operatori coinvolti.\tProcedere all'analisi delle attività interne dell'azienda con l'obiettivo di ottimizzarle, identificando gli elementi che costituiscono i singoli processi per consentire l'individuazione di obiettivi di efficientamento per incrementare qualità e ed efficacia dell'azione\tX\tX\tX\n"
    "\n"
    "\t\t\tamministrativa.\t\t\t\n"
    "--\t--\t--\t-----------------\t--\t--\t--\n"
    "\n"
    "INDICATORI\n"
    "\n"
    "N\tIndicatore\tResponsabili\tPrevisione 2025\tPrevisione 2026\tPrevisione 2027\n"
    "1\tAttività di formazione interna finalizzata aumentare la riconoscibilità del ruolo di coordinatore come team all'interno di un'organizzazione a matrice\tPeri\tEntro dicembre Target coinvolto 100%\t\t\n"
    "1\tControllo trimestrale dei consumi e dei costi per energia (luce e gas)\tVerboschi\tReport trimestrale\tReport trimestrale\tReport trimestrale\n"
    "1\tIntroduzione software per l'ottimizzazione dei trasporti svolti con automezzi di proprietà tramite la rilevazione dei percorsi e dei consumi di carburante\tPeri\tRisparmio gestione automezzi 5%\tRisparmio gestione automezzi 7,5%\tRisparmio gestione automezzi 10%\n"
    "\tAttivazione pratiche di ascolto attivo del personale, tramite gli strumenti di seguito definiti: assemblee dei dipendenti, Question Time, incontri allargati Ufficio di Direzione (UdD) e coordinatori dei servizi, incontro CdA e UdD con i neo assunti.\tPeri e Verboschi\t2 assemblee 1 Question time 3 UdD e Coord. 1 neo assunti\t2 assemblee 1 Question time 3 UdD e Coord. 1 neo assunti\t2 assemblee 1 Question time 3 UdD e Coord. 1 neo assunti\n"
    "1\tDefinizione testo del regolamento per il controllo interno.\tVerboschi\tProposta testo al Cda entro dicembre\t\t\n"
)

# 001, lines 3-6, 19-22, 28-39: Scheda 1 header and INDICATORI header, then the rows around
# the page break at lines 31-33 (-> excerpt 12-14) and the <ul>/● debris of line 36 (-> 17).
EXCERPT_2025_SCHEDA_1_INDICATORS = (
    "Scheda 1\t\n"
    "Obiettivo da piano programma 2025-2027\tSTRATEGIE DI ORGANIZZAZIONE E REINGEGNERIZZAZIONE DEI PROCESSI\n"
    "Responsabile\tDirettore/Responsabili di Servizio\n"
    "Altri servizi coinvolti\t\n"
    "\n"
    "INDICATORI\n"
    "\n"
    "N\tIndicatore\tResponsabili\tPrevisione 2025\tPrevisione 2026\tPrevisione 2027\n"
    "2\tAnalisi e ridefinizione della micro-organizzazione dei coordinamenti del servizio minori, adulti e transizione abitativa\tTonelli, Vignali, Ferri\tRidefinizione dei coordinamenti entro marzo Applicazione nuova micro organizzazione entro settembre\tMonitoraggio della nuova micro organizzazione\tMonitoraggio della micro organizzazione\n"
    "2\tAggiornamento testo Regolamento per la gestione dell'emergenza abitativa\tFerri, Verboschi\tProposta testo al Cda entro settembre\t\t\n"
    "2\tAggiornamento testo Criteri di accesso agli interventi assistenziali di natura economica (compresi i tirocin) i a favore di indigenti\tFerri, Verboschi, Vignali e Tonelli\tProposta testo al Cda entro settembre\t\t\n"
    "2\tSperimentazione iniziative di benchmarking sul tema dei servizi ai disabili PIVEC e progetto di autonomia individuali\tTonelli\tCon Almeno 2 Enti pubblici nella Città Metropolitana\tAttuazione delle 2 buone prassi importate\tCon Almeno 2 Enti pubblici in ER Individuazione di\n"
    "\n"
    "\t\t\tIndividuazione di almeno 2 buone prassi da importare\t\talmeno 3 buone prassi da importare\n"
    "3\tRaggiungimento dei milestone (traguardi qualitativi e quantitativi individuati in una determinata misura del PNRR) previsti nelle progettazioni approvate\tPeri, Verboschi, Ferri, Tonelli, Vignali\tSI\tSI\tSI\n"
    "3\tPredisposizione piano economico di gestione dei progetti del PNRR prevedendo forme di razionalizzazione e di integrazione con altri servizi della rete\tPeri, Verboschi, Ferri, Tonelli, Vignali\t-30% budget spese gestionali PNRR\t\t\n"
    '4\tRe-ingegnerizzazione dei processi di accesso alla non autosufficienza tramite: <ul style="list-style-type: none"> ● approvazione procedura operativa di funzionamento del PUA, che preveda tempi certi e feed back al cittadino per ogni fase del procedimento; ● approvazione di una scheda richiesta che rilevi la complessità e l\'urgenza del caso; \tTonelli\tEntro gennaio\tMonitoraggio accordo\tMonitoraggio accordo\n'
    "4\tAttivare un percorso di formazione sulla nuova metodologia di valutazione del bisogno a favore degli operatori del PUA\tTonelli, Ferri\tAlmeno 15 ore\tRevisione strumenti\t\n"
    "4\tAccelerare il processo di presa in carico da sportello\tTonelli, Ferri\tMassimo 2 giorni\tMonitoraggio del servizio\tMonitoraggio del servizio\n"
    "5\tPredisposizione del diagramma di flusso e della matrice delle responsabilità dei procedimenti amministrativi con maggiore impatto in termini di attività-operazioni, interazioni all'interno della matrice aziendale.\tPeri, Verboschi, Ferri, Tonelli, Vignali\tAlmeno 2 Entro giugno\t\t\n"
)

# 001, lines 41-59: Scheda 2: period 2024-2026, AZIONI 2024 2025 2026, INDICATORI header
# "Previsione 2025, Previsione 2025, Previsione 2026" (same year twice).
EXCERPT_2025_SCHEDA_2 = (
    "Scheda 2\t\n"
    "Obiettivo da piano programma 2024-2026\tSTRATEGIE DI SOSTENIBILITA' ECONOMICA\n"
    "Responsabile\tDirettore/Responsabili di servizio\n"
    "Altri servizi coinvolti\t\n"
    "\n"
    "AZIONI\n"
    "\n"
    "\tInnovazione\tDescrizione\tRisultato atteso\t2024\t2025\t2026\n"
    "1\t\tMonitoraggio delle fonti di finanziamento della spesa sociale\tRealizzazione di una serie storica per il monitoraggio nel tempo delle variazioni delle principali fonti di finanziamento: rette utenti, FRNA, trasferimento Unione, trasferimento altri Enti, finanziamento da privati.\tX\tX\tX\n"
    "2\tX\tDefinizione di nuova metodologia di riparto del trasferimento dell'Unione applicato ai singoli Comuni.\tDefinizione di un sistema di finanziamento della spesa sociale che tenga conto: dei LEPS, di indicatori demografici e socio-economici dei singoli Comuni, delle Mappe di fragilità e non solo della spesa storica.\tX\tX\tX\n"
    "3\t\tRimodulazione dell'erogazione dei servizi per intercettare nuovi bisogni e creare risposte sociali appropriate\tRiprogettazione delle attività per fare fronte all'aumento delle richieste, alle nuove fragilità rilevate, alla necessità di efficienza ed efficacia, alla capacità di intercettare in maniera proattiva i bisogni dei cittadini.\tX\tX\tX\n"
    "4\t\tAttuare pratiche di buona gestione aziendale\tConsolidamento del sistema di controllo dei servizi esternalizzati. Riduzione dei budget non destinati in maniera diretta all'erogazione dei servizi quali ad esempio, utenze, manutenzione e accantonamento per crediti non riscossi, riduzione dei tempi di pagamento dei fornitori\tX\tX\tX\n"
    "\n"
    "INDICATORI\n"
    "\n"
    "N\tIndicatore\tResponsabile\tPrevisione 2025\tPrevisione 2025\tPrevisione 2026\n"
    "----------\t-------------------\t---------------------\t------------------------\t------------------------\t------------------------\n"
    "\n"
    "1\tProduzione della serie storica dei valori assoluti e percentuali delle principali fonti di finanziamento dei servizi degli ultimi 10 anni per Comune\tVerboschi\tEntro aprile\tAggiornamento annuale entro aprile\tAggiornamento annuale entro aprile\n"
)

# 001, lines 71-75, 86-94: Scheda 3 INDICATORI with "N." header and "Verboschi Ferri".
EXCERPT_2025_SCHEDA_3 = (
    "Scheda 3\t\n"
    "Obiettivo da piano programma 2024-2026\tSTRATEGIE DI INNOVAZIONE E FORMAZIONE\n"
    "Responsabile\tDirettore/Responsabile Area Personale Contabilità e Bilancio\n"
    "Altri servizi coinvolti\t\n"
    "\n"
    "INDICATORI\n"
    "\n"
    "N.\tIndicatore\tResponsabili\tPrevisione 2024\tPrevisione 2025\tPrevisione 2026\n"
    "1\tOrganizzazione di almeno 2 eventi annuali di formazione degli stakeholder interni e/o esterni e di divulgazione delle buone prassi su 2 valori del Codice Etico\tVignali\tIndividuazione di 2 valori del Codice Etico da legare agli eventi pubblici Entro marzo Almeno 30 partecipanti Livello di gradimento 3,5/4\tIndividuazione di 2 valori del Codice Etico da legare agli eventi pubblici Entro marzo Almeno 30 partecipanti Livello di gradimento 3,5/4\tIndividuazione di 2 valori del Codice Etico da legare agli eventi pubblici Entro marzo Almeno 30 partecipanti Livello di gradimento 3,5/4\n"
    "2\tInserimento nel sito internet aziendale: della possibilità di appuntamenti on line con sportelli sociali e/o altri uffici; agenda giornaliera - vivere il sociale - per mettere in evidenze le iniziative con finalità sociale sul territorio giorno per giorno\tVerboschi Ferri\tAlmeno 50 appuntamenti on line Vivere il sociale on line entro settembre\tAlmeno 150 appuntamenti on line\tAlmeno 300 appuntamenti on line\n"
    "3\tNumero dei dipendenti con profilo sociale con progetto di supervisione in linea con quanto disposto dalla normativa in di livelli essenziali delle prestazioni sociali\tVerboschi, Ferri, Tonelli, Vignali\t95% Livello di gradimento 3,5/4\t100% Livello di gradimento 3,5/4\t100% Livello di gradimento 3,5/4\n"
    "\n"
    "4\tNumero dei dipendenti con almeno 9 ore di formazione sulle competenze trasversali\tVerboschi\t75 % Livello di gradimento 3,5/4\t100% Livello di gradimento 3,5/4\t\n"
    "5\tProcedere , insieme agli altri Enti dell'Unione, alla conversione di parte delle risorse destinate all'incentivazione del personale in prestazioni di welfare aziendale\tPeri\tRisorse convertite Almeno 2500,00\t\t\n"
)

# 001, lines 71-75, 86-88, 90: the same scheda with only the "Verboschi Ferri" row.
EXCERPT_2025_SCHEDA_3_ONLY_VERBOSCHI_FERRI = (
    "Scheda 3\t\n"
    "Obiettivo da piano programma 2024-2026\tSTRATEGIE DI INNOVAZIONE E FORMAZIONE\n"
    "Responsabile\tDirettore/Responsabile Area Personale Contabilità e Bilancio\n"
    "Altri servizi coinvolti\t\n"
    "\n"
    "INDICATORI\n"
    "\n"
    "N.\tIndicatore\tResponsabili\tPrevisione 2024\tPrevisione 2025\tPrevisione 2026\n"
    "2\tInserimento nel sito internet aziendale: della possibilità di appuntamenti on line con sportelli sociali e/o altri uffici; agenda giornaliera - vivere il sociale - per mettere in evidenze le iniziative con finalità sociale sul territorio giorno per giorno\tVerboschi Ferri\tAlmeno 50 appuntamenti on line Vivere il sociale on line entro settembre\tAlmeno 150 appuntamenti on line\tAlmeno 300 appuntamenti on line\n"
)

# 001, lines 96-100, 113-115, 131-135: Scheda 4: declared 2025-2027, header 2024-2026, empty
# first header cells; the indicator of line 132 continued on line 134 (-> excerpt 12).
EXCERPT_2025_SCHEDA_4 = (
    "Scheda 4\t\n"
    "Obiettivo da piano programma 2025-2027\tSTRATEGIE DI QUALIFICAZIONE DEI SERVIZI RIVOLTE AI CITTADINO\n"
    "Responsabile\tDirettore/Responsabili di Area\n"
    "Altri servizi coinvolti\tAusl/Istituti Scolastici/Città Metropolitana/Comuni\n"
    "\n"
    "INDICATORI\n"
    "\n"
    "\t\tResponsabili\tPrevisione 2024\tPrevisione 2025\tPrevisione 2026\n"
    "5\tRealizzazione un percorso formativo sul tema rivolto ai dirigenti e al personale scolastico, prevedendo un momento di restituzione degli esiti alla cittadinanza tramite un'iniziativa pubblica\tPeri\tEntro settembre Almeno 30 partecipanti\t\t\n"
    "5\tSperimentazione della progettualità di plesso durante l'estate a favore di alunni in condizione di\tPeri\tAttivazione di almeno 3 laboratori\tAttivazione di almeno 4 laboratori\tAttivazione di almeno 5 laboratori\n"
    "\n"
    "\tdisabilità medio-lieve e della loro famiglie\t\tspecifici Utenti coinvolti almeno 15\tspecifici Utenti coinvolti almeno 20\tspecifici Utenti coinvolti almeno 25\n"
    "6\tDefinizione dei progetti di uscita dei minori attualmente inseriti in struttura entro dicembre, secondo tempistiche preordinate\tFerri, Tonelli, Vignali\tAlmeno 6\tDa definire in base alla valutazione dei PEI\tDa definire in base alla valutazione dei PEI\n"
)


def _parse(text: str) -> ParseResult:
    return parse(doc_from_text(text))


def _status(result: ParseResult) -> dict[int, tuple[str, str]]:
    result.ledger.finalize()
    return {r["line_no"]: (r["status"], r["detail"]) for r in result.ledger.rows()}


def _unparsed(result: ParseResult) -> list[int]:
    return [n for n, (st, _) in _status(result).items() if st == "unparsed"]


def _years(result: ParseResult, scheda_no: int, seq: int) -> dict[int, dict]:
    return {
        r["year"]: r
        for r in result.tables["asc_indicator_years"]
        if r["scheda_no"] == scheda_no and r["indicator_seq"] == seq
    }


def _action_years(result: ParseResult, scheda_no: int, seq: int) -> dict[int, bool]:
    return {
        r["year"]: r["planned"]
        for r in result.tables["asc_action_years"]
        if r["scheda_no"] == scheda_no and r["action_seq"] == seq
    }


def _names(result: ParseResult, scheda_no: int, seq: int) -> list[str]:
    rows = [
        r
        for r in result.tables.get("asc_indicator_responsabili", [])
        if r["scheda_no"] == scheda_no and r["indicator_seq"] == seq
    ]
    return [r["name_raw"] for r in sorted(rows, key=lambda r: r["person_seq"])]


def _resolution(result: ParseResult, scheda_no: int, table: str) -> dict:
    (row,) = [
        r
        for r in result.tables["asc_year_resolution"]
        if r["scheda_no"] == scheda_no and r["table_name"] == table
    ]
    return row


# --- asc_2021 excerpts -------------------------------------------------------------------


def test_2021_scheda_header_actions_and_indicators() -> None:
    r = _parse(EXCERPT_2021_SCHEDA_1)
    assert r.family == FAMILY == "asc_schede"
    assert r.layout == "asc_2021"
    (scheda,) = r.tables["asc_schede"]
    assert scheda["scheda_no"] == 1
    assert scheda["title"].startswith("Supportare l'Unione nel sistema di governance")
    assert "<b>" not in scheda["title"]
    assert scheda["period_raw"] == "2021-2023"
    assert (scheda["period_start_year"], scheda["period_end_year"]) == (2021, 2023)
    assert scheda["responsabile_raw"] == "Direttrice/Responsabili di Servizio"
    assert scheda["altri_servizi"] == "Unione"

    actions = r.tables["asc_actions"]
    assert [a["action_no"] for a in actions] == ["1", "2", "3", "4"]
    assert [a["is_innovation"] for a in actions] == [False, False, True, False]
    assert actions[2]["innovation_raw"] == "X"
    assert actions[3]["description"] == "Omogeneità nelle tariffe dei servizi"
    assert actions[0]["expected_result"] == "Omogeneizzazione di istituti e procedure"
    # action 2 is planned for 2021 only; the empty cells are rows too
    assert _action_years(r, 1, 2) == {2021: True, 2022: False, 2023: False}
    assert len(r.tables["asc_action_years"]) == 4 * 3

    indicators = r.tables["asc_indicators"]
    assert [i["indicator_no"] for i in indicators] == ["1", "2", "3", "4", "4", "4"]
    assert indicators[3]["description"].startswith("Applicazione dell'Isee secondo le modalità")
    assert all(i["responsabili_raw"] is None for i in indicators)
    assert indicators[2]["note"] == "Servizi rimodulati"
    assert indicators[1]["note"] is None
    isee = _years(r, 1, 4)
    assert isee[2021]["target_raw"] == "80%"
    assert isee[2022]["target_raw"] == ">95%"
    assert isee[2023]["target_raw"] == ">95%"
    assert isee[2021]["year_header_raw"] == "Previsione 2021"
    assert isee[2021]["actual_header_raw"] == "Risultato 2021"
    assert isee[2021]["actual_raw"] is None
    # "SI" for 2021 only: the empty 2022 and 2023 cells are still rows (no target)
    proposta = _years(r, 1, 5)
    assert [proposta[y]["target_raw"] for y in (2021, 2022, 2023)] == ["SI", None, None]
    assert len(r.tables["asc_indicator_years"]) == 6 * 3
    assert r.tables.get("asc_indicator_responsabili", []) == []

    status = _status(r)
    assert status[6] == ("boilerplate", "section_heading")  # AZIONI
    assert status[13] == ("boilerplate", "section_heading")  # ## INDICATORI DI PERFORMANCE
    assert status[7] == ("mapped", "asc_year_resolution")
    assert status[15] == ("mapped", "asc_year_resolution")
    assert not _unparsed(r)


def test_unexpected_action_marks_are_kept_raw_and_flagged() -> None:
    # Modified excerpt (not in the samples): a "?" under 2022 in action 2, "Sì" as the
    # Innovazione mark of action 3. Neither is read as a mark; both stay raw and flagged.
    text = EXCERPT_2021_SCHEDA_1.replace("economicità\tX\t\t\n", "economicità\tX\t?\t\n")
    text = text.replace("3\tX\tCapacità", "3\tSì\tCapacità")
    assert text.count("\t?\t") == 1 and text.count("3\tSì\t") == 1
    r = _parse(text)
    assert _action_years(r, 1, 2) == {2021: True, 2022: None, 2023: False}
    cells = {(a["action_seq"], a["year"]): a["cell_raw"] for a in r.tables["asc_action_years"]}
    assert cells[(2, 2022)] == "?"
    actions = {a["action_seq"]: a for a in r.tables["asc_actions"]}
    assert actions[2]["flag"] == "unexpected mark '?' under '2022'"
    assert (actions[3]["innovation_raw"], actions[3]["is_innovation"]) == ("Sì", None)
    assert actions[3]["flag"] == "unexpected Innovazione cell 'Sì'"
    assert actions[1]["flag"] is None


def test_2021_risultato_texts_and_empty_descrizione_header() -> None:
    r = _parse(EXCERPT_2021_SCHEDA_2)
    (scheda,) = r.tables["asc_schede"]
    assert scheda["altri_servizi"] is None
    assert [a["is_innovation"] for a in r.tables["asc_actions"]] == [True, True, True]
    ind = r.tables["asc_indicators"]
    assert ind[0]["description"] == "Verifica dell'impatto del nuovo modello organizzativo"
    first = _years(r, 2, 1)
    assert first[2021]["target_raw"] == "SI"
    assert first[2021]["actual_raw"] == "Risultanze di impatto positivo"
    assert first[2022]["actual_raw"] is None
    third = _years(r, 2, 3)
    assert third[2021]["target_raw"] == "Si"
    assert third[2021]["actual_raw"] == "Ridefinizione entro giugno 2021"
    assert third[2023]["target_raw"] == "Si"
    assert not _unparsed(r)


def test_2021_bold_markup_blank_line_in_table_and_split_result_cell() -> None:
    r = _parse(EXCERPT_2021_SCHEDA_5)
    (scheda,) = r.tables["asc_schede"]
    assert scheda["scheda_no"] == 5
    assert (
        scheda["title"]
        == "Servizi alla persona – Area Anziani e Disabili, Adulti, Minori e Famiglie"
    )
    assert scheda["responsabile_raw"] == "Direttora/Responsabili di Area"
    assert scheda["altri_servizi"] == "Ausl/Istituti Scolastici/Città Metropolitana/Comuni"

    actions = r.tables["asc_actions"]
    assert [a["action_no"] for a in actions] == ["1", "6", "7"]  # blank line between 6 and 7
    assert [a["action_seq"] for a in actions] == [1, 2, 3]
    assert actions[0]["innovation_raw"] == "x"
    assert actions[0]["is_innovation"] is True
    assert _action_years(r, 5, 2) == {2021: True, 2022: True, 2023: False}
    assert _resolution(r, 5, "azioni")["header_years_raw"] == "2021|2022|2023"

    # "Si<TAB>Conclusione procediment<TAB>o settembre 2021": the tail of the 2021 result was
    # pushed into the 2022 Previsione column; it must not become a 2022 target.
    (last,) = r.tables["asc_indicators"]
    assert last["indicator_no"] == "13"
    assert last["flag"] is not None and "split cell" in last["flag"]
    years = _years(r, 5, 1)
    assert years[2021]["target_raw"] == "Si"
    assert years[2021]["actual_raw"] == "Conclusione procedimento settembre 2021"
    assert years[2022]["target_raw"] is None
    assert years[2022]["actual_raw"] is None
    for y in (2021, 2022):
        assert "Conclusione procediment'" in years[y]["repair"]
        assert "'o settembre 2021'" in years[y]["repair"]
    assert years[2023]["repair"] is None
    assert not _unparsed(r)


def test_2021_suspected_split_cell_is_kept_as_written_and_flagged() -> None:
    # Modified excerpt (not in the sample): the 2021 result ends with a whole word, so there is
    # no evidence of a cut: the cells stay where the export put them, and the row is flagged.
    text = EXCERPT_2021_SCHEDA_5.replace(
        "Conclusione procediment\to settembre 2021", "Conclusione procedura\tentro settembre"
    )
    r = _parse(text)
    (last,) = r.tables["asc_indicators"]
    assert "suspected split cell" in last["flag"]
    years = _years(r, 5, 1)
    assert years[2021]["actual_raw"] == "Conclusione procedura"
    assert years[2022]["target_raw"] == "entro settembre"
    assert all(y["repair"] is None for y in years.values())


# --- asc_2025 excerpts -------------------------------------------------------------------


def test_2025_action_continuation_markdown_and_unnumbered_indicator() -> None:
    r = _parse(EXCERPT_2025_SCHEDA_1)
    assert r.layout == "asc_2025"
    actions = r.tables["asc_actions"]
    assert len(actions) == 5
    fifth = actions[4]
    assert fifth["action_no"] == "5"
    assert fifth["expected_result"].endswith(
        "per incrementare qualità e ed efficacia dell'azione amministrativa."
    )
    assert (fifth["source_line"], fifth["source_line_end"]) == (13, 15)
    assert _action_years(r, 1, 3) == {2025: True, 2026: True, 2027: False}
    status = _status(r)
    assert status[15] == ("mapped", "asc_actions")
    assert status[16] == ("boilerplate", "markdown_separator")

    indicators = r.tables["asc_indicators"]
    assert [i["indicator_no"] for i in indicators] == ["1", "1", "1", None, "1"]
    unnumbered = indicators[3]
    assert unnumbered["description"].startswith("Attivazione pratiche di ascolto attivo")
    assert unnumbered["responsabili_raw"] == "Peri e Verboschi"
    assert _names(r, 1, 4) == ["Peri", "Verboschi"]
    assert _years(r, 1, 4)[2027]["target_raw"] == (
        "2 assemblee 1 Question time 3 UdD e Coord. 1 neo assunti"
    )
    automezzi = _years(r, 1, 3)
    assert indicators[2]["description"].startswith("Introduzione software per l'ottimizzazione")
    assert automezzi[2025]["target_raw"] == "Risparmio gestione automezzi 5%"
    assert automezzi[2026]["target_raw"] == "Risparmio gestione automezzi 7,5%"
    assert automezzi[2027]["target_raw"] == "Risparmio gestione automezzi 10%"
    assert all(y["actual_raw"] is None for y in r.tables["asc_indicator_years"])
    formazione = _years(r, 1, 1)
    assert formazione[2025]["target_raw"] == "Entro dicembre Target coinvolto 100%"
    assert formazione[2026]["target_raw"] is None  # an empty cell is a row with no target
    assert not _unparsed(r)


def test_2025_indicator_row_continued_after_page_break() -> None:
    r = _parse(EXCERPT_2025_SCHEDA_1_INDICATORS)
    ind = {i["source_line"]: i for i in r.tables["asc_indicators"]}
    assert len(ind) == 10  # excerpt lines 9-12, 15-20; line 14 continues line 12
    bench = ind[12]
    assert bench["description"].startswith("Sperimentazione iniziative di benchmarking")
    assert bench["source_line_end"] == 14
    years = _years(r, 1, bench["indicator_seq"])
    assert years[2025]["target_raw"] == (
        "Con Almeno 2 Enti pubblici nella Città Metropolitana "
        "Individuazione di almeno 2 buone prassi da importare"
    )
    assert years[2026]["target_raw"] == "Attuazione delle 2 buone prassi importate"
    assert years[2027]["target_raw"] == (
        "Con Almeno 2 Enti pubblici in ER Individuazione di almeno 3 buone prassi da importare"
    )
    assert _status(r)[14] == ("mapped", "asc_indicators")

    # <ul ...> debris removed, the text of the ● items kept
    reing = ind[17]
    assert "<ul" not in reing["description"] and "list-style" not in reing["description"]
    assert "approvazione procedura operativa di funzionamento del PUA" in reing["description"]
    assert "approvazione di una scheda richiesta" in reing["description"]

    assert _names(r, 1, ind[11]["indicator_seq"]) == ["Ferri", "Verboschi", "Vignali", "Tonelli"]
    assert _names(r, 1, ind[9]["indicator_seq"]) == ["Tonelli", "Vignali", "Ferri"]
    assert _names(r, 1, ind[16]["indicator_seq"]) == [
        "Peri",
        "Verboschi",
        "Ferri",
        "Tonelli",
        "Vignali",
    ]
    assert _years(r, 1, ind[16]["indicator_seq"])[2025]["target_raw"] == (
        "-30% budget spese gestionali PNRR"
    )
    assert not _unparsed(r)


def test_2025_description_and_targets_continued_after_page_break() -> None:
    r = _parse(EXCERPT_2025_SCHEDA_4)
    ind = r.tables["asc_indicators"]
    assert [i["indicator_no"] for i in ind] == ["5", "5", "6"]
    plesso = ind[1]
    assert plesso["description"] == (
        "Sperimentazione della progettualità di plesso durante l'estate a favore di alunni in "
        "condizione di disabilità medio-lieve e della loro famiglie"
    )
    assert plesso["responsabili_raw"] == "Peri"
    assert (plesso["source_line"], plesso["source_line_end"]) == (10, 12)
    years = _years(r, 4, 2)
    assert years[2024]["target_raw"] == (
        "Attivazione di almeno 3 laboratori specifici Utenti coinvolti almeno 15"
    )
    assert years[2026]["target_raw"] == (
        "Attivazione di almeno 5 laboratori specifici Utenti coinvolti almeno 25"
    )
    assert _names(r, 4, 3) == ["Ferri", "Tonelli", "Vignali"]
    assert not _unparsed(r)


def test_2025_year_resolution_duplicate_header_year_positional_from_azioni() -> None:
    r = _parse(EXCERPT_2025_SCHEDA_2)
    azioni = _resolution(r, 2, "azioni")
    assert azioni["rule"] == "header"
    assert azioni["resolved_years"] == "2024|2025|2026"
    ind = _resolution(r, 2, "indicatori")
    assert ind["declared_period_raw"] == "2024-2026"
    assert ind["header_years_raw"] == "2025|2025|2026"
    assert ind["resolved_years"] == "2024|2025|2026"
    assert ind["rule"] == "positional_from_azioni"
    assert ind["header_valid"] is False
    assert ind["agrees_with_period"] is True
    assert ind["flag"] is not None and "2025|2025|2026" in ind["flag"]
    years = _years(r, 2, 1)
    assert sorted(years) == [2024, 2025, 2026]
    assert years[2024]["year_header_raw"] == "Previsione 2025"
    assert years[2024]["target_raw"] == "Entro aprile"
    assert years[2025]["year_header_raw"] == "Previsione 2025"
    assert years[2025]["target_raw"] == "Aggiornamento annuale entro aprile"
    assert _status(r)[17] == ("boilerplate", "markdown_separator")
    assert not _unparsed(r)


def test_2025_year_resolution_header_disagrees_with_declared_period() -> None:
    r = _parse(EXCERPT_2025_SCHEDA_4)
    (scheda,) = r.tables["asc_schede"]
    assert scheda["period_raw"] == "2025-2027"
    ind = _resolution(r, 4, "indicatori")
    assert ind["rule"] == "header"
    assert ind["header_valid"] is True
    assert ind["resolved_years"] == "2024|2025|2026"
    assert ind["agrees_with_period"] is False
    assert "2025-2027" in ind["flag"]
    assert sorted(_years(r, 4, 1)) == [2024, 2025, 2026]


def test_year_resolution_positional_from_period_when_azioni_header_is_invalid() -> None:
    # Modified excerpt (not in the sample): the AZIONI header also names a year twice.
    text = EXCERPT_2025_SCHEDA_2.replace(
        "Risultato atteso\t2024\t2025\t2026", "Risultato atteso\t2024\t2024\t2026"
    )
    r = _parse(text)
    azioni = _resolution(r, 2, "azioni")
    assert azioni["rule"] == "positional_from_period"
    assert azioni["resolved_years"] == "2024|2025|2026"
    ind = _resolution(r, 2, "indicatori")
    assert ind["rule"] == "positional_from_period"
    assert ind["resolved_years"] == "2024|2025|2026"


def test_resolve_years_rule() -> None:
    assert resolve_years([2025, 2026, 2027], 2024, (2024, 2026)) == (
        [2025, 2026, 2027],
        "header",
        True,
    )
    assert resolve_years([2025, 2025, 2026], 2024, (2025, 2027)) == (
        [2024, 2025, 2026],
        "positional_from_azioni",
        False,
    )
    assert resolve_years([2025, None, 2027], None, (2025, 2027)) == (
        [2025, 2026, 2027],
        "positional_from_period",
        False,
    )
    assert resolve_years([2024, 2026], None, (2024, 2025))[1] == "positional_from_period"


def test_responsabili_split_on_space_only_between_known_surnames() -> None:
    r = _parse(EXCERPT_2025_SCHEDA_3)
    assert _resolution(r, 3, "indicatori")["rule"] == "header"
    ind = r.tables["asc_indicators"]
    assert ind[1]["responsabili_raw"] == "Verboschi Ferri"
    # "Ferri" and "Verboschi" are responsabili on their own in the same document
    assert _names(r, 3, 2) == ["Verboschi", "Ferri"]
    assert _names(r, 3, 3) == ["Verboschi", "Ferri", "Tonelli", "Vignali"]
    assert _names(r, 3, 4) == ["Verboschi"]
    # without those other rows nothing says the two words are two people
    alone = _parse(EXCERPT_2025_SCHEDA_3_ONLY_VERBOSCHI_FERRI)
    assert _names(alone, 3, 1) == ["Verboschi Ferri"]


def test_split_responsabili_separators() -> None:
    known = {"Peri", "Verboschi", "Ferri", "Tonelli", "Vignali"}
    assert [n for n, _ in split_responsabili("Peri e Verboschi", known)] == ["Peri", "Verboschi"]
    assert [n for n, _ in split_responsabili("Tonelli, Vignali, Ferri", known)] == [
        "Tonelli",
        "Vignali",
        "Ferri",
    ]
    assert [n for n, _ in split_responsabili("Ferri, Verboschi, Vignali e Tonelli", known)] == [
        "Ferri",
        "Verboschi",
        "Vignali",
        "Tonelli",
    ]
    assert split_responsabili("Verboschi Ferri", known) == [
        ("Verboschi", "space_between_known_surnames"),
        ("Ferri", "space_between_known_surnames"),
    ]
    assert split_responsabili("Verboschi Rossi", known) == [("Verboschi Rossi", "kept_whole")]


def test_repeated_table_header_after_page_break_is_boilerplate() -> None:
    # Modified excerpt (not in the sample): the INDICATORI header repeated between two rows.
    header = "N\tIndicatore\tResponsabili\tPrevisione 2025\tPrevisione 2026\tPrevisione 2027\n"
    lines = EXCERPT_2025_SCHEDA_1.splitlines(keepends=True)
    text = "".join(lines[:21] + ["\n", header] + lines[21:])
    r = _parse(text)
    assert _status(r)[23] == ("boilerplate", "repeated_table_header")
    assert len(r.tables["asc_indicators"]) == 5
    assert len(r.tables["asc_year_resolution"]) == 2
    assert not _unparsed(r)


def test_document_without_indicator_table_has_unknown_layout() -> None:
    text = "".join(EXCERPT_2025_SCHEDA_1.splitlines(keepends=True)[:16])
    with pytest.raises(UnknownLayoutError):
        _parse(text)


def test_stray_text_is_unparsed_with_a_reason() -> None:
    text = "Premessa generale\n" + EXCERPT_2025_SCHEDA_2
    r = _parse(text)
    status = _status(r)
    assert status[1] == ("unparsed", "text before the first 'Scheda N' line")
    assert _unparsed(r) == [1]


# --- whole documents -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc_2021() -> ParseResult:
    return parse(sample(FILE_2021))


@pytest.fixture(scope="module")
def doc_2025() -> ParseResult:
    return parse(sample(FILE_2025))


def _per_scheda(result: ParseResult, table: str) -> dict[int, int]:
    out: dict[int, int] = {}
    for r in result.tables[table]:
        out[r["scheda_no"]] = out.get(r["scheda_no"], 0) + 1
    return out


def _coverage(result: ParseResult) -> tuple[dict[str, int], list[int]]:
    result.ledger.finalize()
    counts = result.ledger.counts()
    unparsed = [r["line_no"] for r in result.ledger.rows() if r["status"] == "unparsed"]
    return counts, unparsed


def test_whole_2021_document(doc_2021: ParseResult) -> None:
    r = doc_2021
    assert r.layout == "asc_2021"
    assert r.doc_title == "Piano programma 2021-2023: schede obiettivo"
    assert (r.period_start_year, r.period_end_year) == (2021, 2023)
    assert [s["scheda_no"] for s in r.tables["asc_schede"]] == [1, 2, 3, 4, 5]
    assert {s["period_raw"] for s in r.tables["asc_schede"]} == {"2021-2023"}
    assert _per_scheda(r, "asc_actions") == {1: 4, 2: 3, 3: 7, 4: 2, 5: 13}
    assert _per_scheda(r, "asc_indicators") == {1: 6, 2: 3, 3: 9, 4: 3, 5: 18}
    assert len(r.tables["asc_action_years"]) == 29 * 3
    assert len(r.tables["asc_indicator_years"]) == 39 * 3
    assert sum(a["is_innovation"] for a in r.tables["asc_actions"]) == 19
    assert all(x["rule"] == "header" for x in r.tables["asc_year_resolution"])
    assert len(r.tables["asc_year_resolution"]) == 10

    isee = _years(r, 1, 4)
    assert (isee[2021]["target_raw"], isee[2022]["target_raw"]) == ("80%", ">95%")
    assert _years(r, 2, 1)[2021]["actual_raw"] == "Risultanze di impatto positivo"
    assert _years(r, 3, 9)[2021]["actual_raw"] == "100%"  # Pago PA
    assert r.tables["asc_indicators"][-1]["indicator_no"] == "13"
    scheda3 = [i for i in r.tables["asc_indicators"] if i["scheda_no"] == 3]
    assert scheda3[7]["note"] == "Obiettivo 2020 posticipato dall'Unione causa Covid"
    assert _years(r, 5, 18)[2021]["actual_raw"] == "Conclusione procedimento settembre 2021"
    # Scheda 4, Smartworking: 20% / 30% / 50% of employees
    smart = _years(r, 4, 1)
    assert [smart[y]["target_raw"] for y in (2021, 2022, 2023)] == ["20%", "30%", "50%"]
    # Scheda 5, action 13 (trasporti sociali) planned 2021 only
    assert _action_years(r, 5, 13) == {2021: True, 2022: False, 2023: False}

    counts, unparsed = _coverage(r)
    assert unparsed == []
    assert counts["boilerplate"] == 10  # 5 AZIONI + 5 INDICATORI DI PERFORMANCE headings
    assert (
        counts["mapped"] + counts["boilerplate"] == len(sample(FILE_2021).lines) - counts["blank"]
    )


def test_whole_2025_document(doc_2025: ParseResult) -> None:
    r = doc_2025
    assert r.layout == "asc_2025"
    # 2 schede declare 2025-2027 and 2 declare 2024-2026: the tie goes to the latest period
    assert r.doc_title == "Piano programma 2025-2027: schede obiettivo"
    assert (r.period_start_year, r.period_end_year) == (2025, 2027)
    schede = r.tables["asc_schede"]
    assert [s["scheda_no"] for s in schede] == [1, 2, 3, 4]
    assert [s["period_raw"] for s in schede] == ["2025-2027", "2024-2026", "2024-2026", "2025-2027"]
    assert schede[1]["title"] == "STRATEGIE DI SOSTENIBILITA' ECONOMICA"
    assert schede[3]["altri_servizi"] == "Ausl/Istituti Scolastici/Città Metropolitana/Comuni"
    assert _per_scheda(r, "asc_actions") == {1: 5, 2: 4, 3: 5, 4: 6}
    assert _per_scheda(r, "asc_indicators") == {1: 15, 2: 9, 3: 5, 4: 17}
    assert len(r.tables["asc_action_years"]) == 20 * 3
    assert len(r.tables["asc_indicator_years"]) == 46 * 3
    # Scheda 3's AZIONI table has no X at all: the years are rows, none planned
    s3 = [y for y in r.tables["asc_action_years"] if y["scheda_no"] == 3]
    assert len(s3) == 15 and not any(y["planned"] for y in s3)

    people = r.tables["asc_indicator_responsabili"]
    assert {p["name_raw"] for p in people} == {"Peri", "Verboschi", "Ferri", "Tonelli", "Vignali"}
    assert len(people) == 78
    assert _names(r, 3, 2) == ["Verboschi", "Ferri"]

    automezzi = [
        i
        for i in r.tables["asc_indicators"]
        if i["scheda_no"] == 1 and "automezzi" in i["description"]
    ]
    assert len(automezzi) == 1
    years = _years(r, 1, automezzi[0]["indicator_seq"])
    assert years[2026]["target_raw"] == "Risparmio gestione automezzi 7,5%"

    s2 = _resolution(r, 2, "indicatori")
    assert s2["resolved_years"] == "2024|2025|2026"
    assert s2["header_years_raw"] == "2025|2025|2026"
    assert s2["header_valid"] is False and s2["flag"]
    assert sorted(_years(r, 2, 1)) == [2024, 2025, 2026]
    for table in ("azioni", "indicatori"):
        s4 = _resolution(r, 4, table)
        assert s4["resolved_years"] == "2024|2025|2026"
        assert s4["agrees_with_period"] is False
    unnumbered = [i for i in r.tables["asc_indicators"] if i["indicator_no"] is None]
    assert len(unnumbered) == 1 and unnumbered[0]["source_line"] == 26

    counts, unparsed = _coverage(r)
    assert unparsed == []
    assert counts["boilerplate"] == 11  # 8 headings + 3 markdown separators
    covered = counts["mapped"] + counts["boilerplate"]
    assert covered / (covered + counts["unparsed"]) >= 0.995


@pytest.mark.parametrize("file_name", [FILE_2021, FILE_2025])
def test_every_record_carries_lineage(file_name: str) -> None:
    r = parse(sample(file_name))
    for table, rows in r.tables.items():
        for row in rows:
            assert row["document_id"] == r.document_id, table
            assert 1 <= row["source_line"] <= row["source_line_end"], table
