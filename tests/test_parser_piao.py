# ruff: noqa: E501  (the excerpts are lines copied verbatim from the sample)
"""Tests for ingest/piao.py on the PIAO performance section of the Unione dei Comuni del Sorbara.

Excerpt tests copy real lines of data/raw/002_142f2b20942e7c60.txt (with their TABs); the
expected figures were read off the document by a person, not copied from the parser's output.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from ingest.common import ParseError, ParseResult
from ingest.piao import FAMILY, LAYOUT, parse
from tests.helpers import doc_from_text, sample

SAMPLE = "002_142f2b20942e7c60.txt"

# --- excerpts (copied from the sample, TABs kept) ----------------------------------------

# lines 1-37 of the sample
TITLE_AND_TOC = (
    "\n"
    "\n"
    "Unione dei Comuni del Sorbara (MO)\n"
    "\n"
    "PIAO 2023 - 2025\n"
    "\n"
    "PIANO INTEGRATO DI ATTIVITA' E ORGANIZZAZIONE\n"
    "\n"
    "Allegato Sottosezione 2.1 Performance\n"
    "\n"
    "Indice\n"
    "\n"
    "LA STRUTTURA DEL PIANO PERFORMANCE E OBIETTIVI OPERATIVI SPECIFICI\t3\n"
    "SEZIONE I\t4\n"
    "LA PERFORMANCE ORGANIZZATIVA\t5\n"
    "SEZIONE II\t\n"
    "OBIETTIVI OPERATIVI SPECIFICI TRASVERSALI A TUTTE LE AREE/SERVIZI\t9\n"
    "AREA ECONOMICO FINANZIARIA\t\n"
    "SERVIZIO BILANCIO - CONTROLLO DI GESTIONE\t\n"
    "AREA ORGANIZZAZIONE E AFFARI GENERALI\t\n"
    "Servizio ORGANIZZAZIONE E SEGRETERIA\t\n"
    "Servizio UNICO DEL PERSONALE\t\n"
    "SERVIZIO UNICO APPALTI E AMMINISTRATIVO DI SUPPORTO AL SIA\t19\n"
    "SERVIZIO SISTEMA INFORMATICO ASSOCIATO\t20\n"
    "Area Servizi al Territorio\t22\n"
    "SERVIZIO SPORTELLO UNICO ATTIVITA' PRODUTTIVE\t23\n"
    "SERVIZIO SISMICA ASSOCIATO E SERVIZIO PIANIFICAZIONE PROTEZIONE CIVILE\t25\n"
    "SERVIZIO TECNICO – AMBIENTE – MANUTENZIONI\t27\n"
    "Area Servizi alla Persona\t28\n"
    "SERVIZIO CULTURA – POLITICHE GIOVANILI\t29\n"
    "SERVIZIO SERVIZI SOCIALI E SOCIO SANITARI\t31\n"
    "AREA POLIZIA LOCALE\t38\n"
    "SERVIZIO POLIZIA LOCALE\t39\n"
    "\n"
    "LA STRUTTURA DEL PIANO PERFORMANCE E OBIETTIVI OPERATIVI SPECIFICI\n"
    "\n"
    "Nella Sezione I è illustrata la *performance* organizzativa, ovvero il contributo che un'area di responsabilità, comunque denominata, o l'organizzazione nel suo complesso apporta, attraverso la propria azione, al raggiungimento della *mission*, delle finalità e degli obiettivi individuati per la soddisfazione dei bisogni degli utenti e degli altri *stakeholders*.\n"
)

# lines 64-68 of the sample
WEIGHTS = (
    "❖ il livello di misurazione e valutazione è stato definito nelle seguenti percentuali:\n"
    "\n"
    "LIVELLO DI PERFORMANCE ORGANIZZATIVA\tPERCENTUALE\n"
    "Performance organizzativa di ente\t50 %\n"
    "Performance organizzativa di area\t50 %\n"
)

# lines 70-89 of the sample
ENTE_INDICATORS = (
    "* a livello generale di ente sono stati individuati i seguenti indicatori attinenti alla gestione finanziaria del bilancio ed alla gestione del personale dell'Unione dei Comuni del Sorbara, con i corrispondenti target:\n"
    "\n"
    "INDICATORE\tDEFINIZIONE\tTARGET\n"
    "Rigidità strutturale di bilancio\tIncidenza spese rigide (ripiano disavanzo, personale e debito) su accertamenti entrate correnti\tInferiore al 45%\n"
    "Capacità di riscossione\tIl parametro misura l'effettiva capacità di riscossione, determinata dal rapporto tra le riscossioni totali (competenza + residui) sugli accertamenti di competenza sommati ai residui attivi iniziali\tSuperiore al 53%\n"
    "Capacità di pagamento della spesa corrente\tVelocità di pagamento della spesa corrente sia per la competenza sia per i residui (pagamenti/ impegni)\tSuperiore al 55%\n"
    'Incidenza del salario accessorio ed incentivante\tImpegni (pdc 1.01.01.004 + 1.01.01.008 "indennità e\tInferiore al 20%\n'
    "\n"
    "rispetto al totale della spesa di personale\taltri compensi al personale a tempo indeterminato\t\n"
    '\te determinato"+ pdc 1.01.01.003 + 1.01.01.007\t\n'
    '\t"straordinario al personale a tempo indeterminato e\t\n'
    '\tdeterminato" + FPV in uscita concernente il\t\n'
    "\tMacroaggregato 1.1 – FPV di entrata concernente il\t\n"
    "\tMacroaggregato 1.1) / Impegni (Macroaggregato\t\n"
    '\t1.1 + pdc 1.02.01.01 "IRAP" – FPV di entrata\t\n'
    "\tconcernente il Macroaggregato 1.1 + FPV spesa\t\n"
    "\tconcernente il Macroaggregato 1.1)\t\n"
    "Formazione del personale in materia di\tOrganizzazione di attività formativa coordinata, con\tVerifica della soddisfazione dei fruitori delle attività\n"
    "anticorruzione, trasparenza, privacy e contratti\triferimento ai temi dell'anticorruzione, della\tformative organizzate attraverso somministrazione\n"
    "\ttrasparenza, della privacy, dei contratti\tdi questionario\n"
)

# lines 91-104 of the sample
STRUTTURA_INDICATORS = (
    "❖ a livello di struttura organizzativa sono stati individuati i seguenti indicatori:\n"
    "\n"
    "INDICATORE\tDEFINIZIONE\tTARGET\n"
    'Grado di attuazione del Piano triennale per la prevenzione della corruzione e della trasparenza\tVerifica dello stato di attuazione degli adempimenti e degli obiettivi previsti nel Piano triennale per la prevenzione della corruzione e della trasparenza, con particolare attenzione al tema della pubblicazione delle situazioni reddituali ed ai tempi di mantenimento delle pubblicazioni\tCertificazione annuale a cura del Nucleo di valutazione della pubblicazione, completezza, aggiornamento di dati pubblicati nella sezione "Amministrazione trasparente" del sito dell\'ente\n'
    "Aumento tendenziale degli atti spediti via pec\tImplementazione del processo di dematerializzazione dei documenti\tAumento tendenziale degli atti spediti via pec nell'anno 2023 rispetto al totale in uscita con riferimento al biennio 2021-2022 (con verifica tramite protocollo informatico)\n"
    "Aumento tendenziale della comunicazione tramite i siti istituzionali e servizi on line\tAttivazione e implementazione delle modalità di iscrizione on line ai servizi a domanda individuale, ed al pagamento delle rette. Implementazione di forme di comunicazione on line\tAumento tendenziale della comunicazione tramite i siti istituzionali e servizi on line rispetto al biennio 2021-2022\n"
    "\n"
    "\t\t\t\t\tper l'acquisizion\t\t\t\tfabbisogni\tе\t\n"
    "\t\t\t\t\tvalutazioni da par\tte dei (cittadin\ti\t\t\t\n"
    "\t\t\t\t\tL'obiettivo di migl\tiorame\tento è d\tcontinu\tuativo\t\t\n"
    "Formazione\tdel\tpersonale\tcon\tparticolare\tConsolidamento\tdel la\tavoro\tagile\tattraverso\tla\tOrganizzazione a favore dei lavoratori di almeno un\n"
    "riferimento al lavoro agile\t\tformazione del pe\tersonal\tе\t\t\t\tcorso nell'anno 2023 in materia di sicurezza nel\t\t\t\n"
    "\t\t\t\t\t\t\t\t\t\t\tlavoro agile e/o tutela dei dati personali con\n"
    "\t\t\t\t\t\t\t\t\t\t\tparticolare riferimento al lavoro agile\n"
)

# lines 112-121 of the sample
PAGE_BREAK_ROWS = (
    "OBIETTIVO: AGGIORNAMENTO DEL PIANO DI AZIONI POSITIVE\n"
    "\n"
    "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'\n"
    "Piano azioni positive. Obiettivo 1 Tutelare l'ambiente di lavoro da casi di molestie, mobbing e discriminazioni\tCon Delibera di Giunta l'ente adotta il Codice di comportamento dei dipendenti. In particolare, in conformità con quanto previsto dal DPR 62/2013, il Codice prevede che il Dirigente o Responsabile curi, compatibilmente con le risorse disponibili, il benessere organizzativo nella struttura cui è preposto\tResponsabile Area organizzazione ed affari generali Unione comuni del Sorbara\tMEDIA\n"
    "Piano azioni positive. Obiettivo 2 Garantire il rispetto delle pari opportunità nelle procedure di reclutamento del personale.\tL'ente assicura, nelle commissioni di concorso e selezione, la presenza di almeno un terzo dei componenti di sesso femminile.\tResponsabile Area organizzazione ed affari generali Unione comuni del Sorbara\tMEDIA\n"
    "Piano azioni positive. Obiettivo 3 Promuovere le pari opportunità in materia di formazione, di aggiornamento e di qualificazione professionale.\tI Piani di formazione, con particolare riferimento all'attività formativa indirizzata a tutti i dipendenti dovranno tenere conto delle esigenze di ogni Area, consentendo la uguale possibilità per le donne e gli uomini lavoratori di frequentare i corsi individuati. Ciò significa che dovranno essere valutate le possibilità di articolazione in orari, sedi e quant'altro utile a renderli accessibili anche a coloro che hanno obblighi di famiglia oppure orario di lavoro parttime\tResponsabile Area organizzazione ed affari generali Unione comuni del Sorbara\tMEDIA\n"
    "Piano azioni positive. Obiettivo 4 Facilitare l'utilizzo di forme di flessibilità orarie\tI Direttori d'Area accolgono, quando possibile, compatibilmente con le esigenze di servizio, le richieste di orari differenziati. Il Servizio unico del personale assicura tempestività\tResponsabile Area organizzazione ed affari generali Unione comuni del Sorbara\tMEDIA\n"
    "\n"
    "\te rispetto della normativa nella gestione delle richieste di part-time inoltrate dai dipendenti\t\t\n"
    "•\tanche dopo il DPCM del 23.09.2021 che ha previsto che la modalita' ordinaria di svolgimento della prestazione lavorativa nelle p.a. e' quella svolta in presenza, si garantisce la possibilità di accesso al lavoro agile, nel rispetto del Regolamento sulla disciplina del lavoro agile\taffari generali Unione comuni del Sorbara\tBASSA\n"
)

# lines 123-129 of the sample
AREA_BILANCIO = (
    "Area ECONOMICO FINANZIARIA\n"
    "\n"
    "CENTRO DI COSTO\tSERVIZIO\tRESPONSABILE\n"
    "RA01\tBILANCIO\tdott. Luigino BOARIN\n"
    "\tCONTROLLO DI GESTIONE\t(Responsabile Servizio Finanziario)\n"
    "\n"
    "Servizio BILANCIO - CONTROLLO DI GESTIONE\n"
)

# lines 642-651 of the sample
AREA_POLIZIA = (
    "Area POLIZIA LOCALE\n"
    "\n"
    "CENTRO\tDESCRIZIONE\tRESPONSABILE\n"
    "PEG\t\t\n"
    "PM01\tAREA POLIZIA LOCALE (SUB AMBITO)\tComandante dott. Luca DI NIQUILI\n"
    "\tSERVIZIO DI POLIZIA LOCALE PRESIDIO DI NONANTOLA\tIsp. Marco GOBBO\n"
    "\tSERVIZIO DI POLIZIA LOCALE PRESIDIO DI BOMPORTO (COMUNI DI BASTIGLIA, BOMPORTO E RAVARINO)\tIsp. Superiore Daniele RABBONI\n"
    "\tSERVIZIO CENTRALE AMMINISTRATIVO\tIstr. direttivo amm.vo Roberta ZOBOLI\n"
    "\n"
    "Servizio POLIZIA LOCALE OBIETTIVI OPERATIVI SPECIFICI 2023\n"
)

# lines 138-163 of the sample
BILANCIO_PARAMETRI_INDICATORI = (
    "PARAMETRI\n"
    "\n"
    "- numero di reversali di incasso (2.267 al 31.12.2022)\n"
    "- numero di mandati di pagamento (4.281 al 31.12.2022)\n"
    "- numero di atti pubblicati (686 determine e 152 delibere al 31.12.2022)\n"
    "- numero di verbali del Revisore dei conti (22 al 31.12.2022)\n"
    "\n"
    "INDICATORI Servizio Bilancio\n"
    "\n"
    "Dimensione di\tDenominazione indicatore\tFormula\tStandard\tRISCHIO\n"
    "performance\t\t\t\tCORRUTTIVO\n"
    "\t\t\t\tVALUTAZIONE\n"
    "\t\t\t\tCRITICITA'\n"
    "Tempestività\tPredisposizione dei documenti che compongono il\tRispetto del crono programma\t= 100%\tBASSA\n"
    "\tbilancio di previsione finanziario (bilancio di previsione\toperativo predisposto sulla base\t\t\n"
    "\t2022-2024, DUP e Nota di aggiornamento 2022-2024,\tdelle indicazioni della Giunta\t\t\n"
    "\tParere del Collegio dei Revisori) ed il rendiconto nel\tdell'Unione\t\t\n"
    "\n"
    "\trispetto dei tempi stabiliti dall'organo esecutivo\t\t\t\n"
    "Tempestività\tPubblicazione dei documenti che compongono il bilancio\tPubblicazione dei documenti\tPubblicazione dei documenti\tBASSA\n"
    "\tdi previsione finanziario (bilancio di previsione 2022-2024,\tche compongono il bilancio di\tentro 30 giorni\t\n"
    "\tDUP ed eventuale Nota di aggiornamento 2022-2024,\tprevisione, il Piano esecutivo di\tdall'approvazione\t\n"
    "\tParere del Collegio dei Revisori), il piano esecutivo di\tgestione ed il rendiconto, sul\t\t\n"
    "\tgestione ed il rendiconto, sul sito internet istituzionale\tsito internet istituzionale\t\t\n"
    "Quantità\tEmissione delle reversali di incasso\tN. di reversali emesse\t≥ 2.400\tBASSA\n"
    "Quantità\tEmissione dei mandati di pagamento\tN. di mandati emessi\t≥ 4.000\tBASSA\n"
)

# lines 200-207 of the sample
PROTOCOLLO = (
    "INDICATORI\n"
    "\n"
    "PROTOCOLLAZIONE GENERALE\n"
    "\n"
    "Dimensione di\tDenominazione indicatore\tFormula\tStandard\tRISCHIO CORRUTTIVO\n"
    "performance\t\t\t\tVALUTAZIONE CRITICITA'\n"
    "Tempestività\tAttività di registrazione classificazione e fascicolazione dei\tData ricezione - data di registrazione\t1 giorno\tBASSA\n"
    "\tdocumenti pervenuti all'AOO\t\t\t\n"
)

# lines 209-216 of the sample
GLUED_SERVIZIO = (
    "Servizio UNICO DEL PERSONALE OBIETTIVI OPERATIVI SPECIFICI 2023\n"
    "\n"
    "MISSIONE 01: SERVIZI ISTITUZIONALI, GENERALI E DI GESTIONE - PROGRAMMA 10: RISORSE UMANE\n"
    "\n"
    "OBIETTIVO: ADEGUAMENTO DELLA STRUTTURA ORGANIZZATIVA DELL'UNIONE ALLA NORMATIVA DI RIFERIMENTO ED ALLE NUOVE ESIGENZE DI FUNZIONAMENTO ALL'INTERNO DEI VINCOLI NORMATIVI ED ECONOMICI\n"
    "\n"
    "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABI LE\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'\n"
    "Modifica alla struttura dell'Unione, adeguamento della regolamentazione interna\tApprovazione degli atti che adeguano organigramma e funzionigramma dell'Unione alle funzioni trasferite\tResponsabile del Servizio Unico del Personale\tBASSA\n"
)

# lines 233-241 of the sample
MISALIGNED_INDICATORS = (
    "INDICATORI\n"
    "\n"
    "Dimensione di performance\tDenominazione indicatore\tFormula\tStandard\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'\n"
    "Efficienza\tPredisposizione del piano della formazione per l'Unione e gli enti aderenti all'Unione, assegnazione budget ai Responsabili e svolgimento delle attività formative previste, anche in materia di formazione obbligatoria e anche con riferimento ai volontari nel caso in cui sia previsto dalla legge o da specifiche convenzioni\tData trasmissione\tPredisposizione annuale o biennale del piano della formazione entro il 30.09.2023\tBASSA\n"
    "Tempestività Efficienza\tPredisposizione previsioni spese di personale per i bilanci di previsione\tData richiesta - data trasmissione\tData trasmissione dei documenti <u><</u> rispetto alla scadenza prevista\tBASSA\n"
    "Tempestività\tAttività della delegazione trattante\tTempestività trasmissione\tEntro 5 giorni dalla stipula\tBASSA\n"
    "\n"
    "\tall'Aran\tdell'accordo\tdefinitiva\tdell'accordo\n"
    "\taziendale\t\taziendale\t\n"
)

# lines 254-257 of the sample
SPLIT_WORD = (
    "OBIETTIVO: SVILUPPO UTILIZZO DELLA PIATTAFORMA SATER\n"
    "\n"
    "\tDESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'\n"
    "Verifica sul f\tunzionamento del servizio\tNumero gare digitali maggiore rispetto alle gare non digitali Aumento tendenziale gare digitali rispetto all'esercizio precedente\tResponsabile dell'Area Organizzazione ed affari generali\tMEDIA\n"
)

# lines 317-326 of the sample
LIST_ITEMS = (
    "OBIETTIVO: IMPLEMENTAZIONE DI POLITICHE ECONOMICHE LOCALI\n"
    "\n"
    "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO CORRUTTIVO VALUTAZIONE CRITICITA'\n"
    "Redazione di progetti connessi alle esigenze di promozione territoriale delle\t\tResponsabile\tBASSA\n"
    "\n"
    "diverse amministrazioni e/o legati alla valorizzazione commerciale o delle attività produttive:\t\tservizio SUAP\t\n"
    "1) realizzazione area camper a Nonantola e trasferimento temporaneo del mercato settimanale per esecuzione dei lavori\tRealizzazione entro il 31/8/2023\t\t\n"
    "2) realizzazione delle azioni previste nell'ambito del progetto di valorizzazione commerciale L.R.41/97 finanziato dalla regione (Unione) – prosecuzione delle attività\tRendicontazione entro il 31/12/2023\t\t\n"
    "3) approvazione regolamento acconciatori, estetisti e tatuatori (Unione)\tApprovazione entro 30/9/2023\t\t\n"
    "4) Ristrutturazione della Fiera di Nonantola – 2° fase\tDefinizione delle attività e approvazione entro il 30/6/2023\t\t\n"
)

# lines 419-429 of the sample
GARBLED_HEADING = (
    "OBIETTIVO STRATEGICO: PARTECIPAZIONE ATTIVA DEI GIOVANI ALLA VITA PUBBLICA – SVILUPPO DEL PROTAGONISMO GIOVANILE\n"
    "\n"
    "OBIETTIVO: SVILUPPO DELLE AZIONI CONTENUTE NEL PROGRAMMA GIOVANI ATTRAVERSO LA COMPARTECIPAZIONE DEI GIOVANI AGLI SNODI DECISIONALI CHE LI RIGUARDANO\n"
    "\n"
    "BILLITYO, SYLEGITO BELLE AZIONI CONTENDIE NEL I NOGRAMIMA GIOVANI AT INAVERSO LA COMI ARTECII AZIONE BEI GIOVANI AGEI SNOBI BECISIONALI CHE EI NIGGARDANO\t\t\t\t\t\n"
    "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO\t\t\n"
    "\t\t\tCORRUTTIVO\t\t\n"
    "\n"
    "\t\t\tVALUTAZIONE CRITICITA'\n"
    "Elaborazione progetti di partecipazione giovanile nei territori dell'Unione\tn. 1 evento partecipato da realizzarsi entro il 31.12.2023\tDirigente area servizi alla\tBASSA\n"
    "\t\tpersona\t\n"
)

# lines 431-436 of the sample
HEADER_2022 = (
    "OBIETTIVO STRATEGICO: PROMOZIONE DI OPPORTUNITÀ DI CRESCITA DEI GIOVANI\n"
    "\n"
    "OBIETTIVO: ATTUAZIONE PROGETTI SERVIZIO CIVILE UNIVERSALE\n"
    "\n"
    "DESCRIZIONE\tINDICATORE DI RISULTATO 2022\tRESPONSABILE\tRISCHIO CORRUTTIVO VALUTAZIONE\n"
    "Attuazione progettazioni dei servizio civile universale presso gli enti accoglienti individuati in fase di accreditamento\tn.progetti finanziati (n.2 progetti approvati con Delibera G.U. n. 37/2022) /n. progetti attivati = 100% al 31.12.2023\tDirigente area servizi alla persona\tCRITICITA' BASSA\n"
)

# lines 438-456 of the sample
DISABILITY = (
    "Servizio SERVIZI SOCIALI E SOCIO SANITARI\n"
    "\n"
    "OBIETTIVI OPERATIVI SPECIFICI 2023\n"
    "\n"
    "MISSIONE 12 – DIRITTI SOCIALI, POLITICHE SOCIALI E FAMIGLIA - PROGRAMMA 2: INTERVENTI PER LA DISABILITÀ\n"
    "\n"
    "OBIETTIVO STRATEGICO: GARANTIRE INTERVENTI/SERVIZI A FAVORE DELLE PERSONE CON DISABILITA' IMPLEMENTANDO ED ARTICOLANDO LA RETE DEI SERVIZI\n"
    "\n"
    "OBIETTIVO: CONSOLIDAMENTO DELLA RETE DEI SERVIZI PER DISABILI E AVVIO SERVIZI INNOVATIVI\n"
    "\n"
    "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO\n"
    "\t\t\tCORRUTTIVO\n"
    "\t\t\tVALUTAZIONE\n"
    "\t\t\tCRITICITA'\n"
    "Garantire il funzionamento della rete dei servizi accreditati\tApprovazione atto d'indirizzo per l'individuazione del\t\tBASSA\n"
    "e non per la non autosufficienza / consolidare la\tfabbisogno dei servizi accreditati e non per diasbili – entro\t\t\n"
    "realizzazione di nuove progettualità assistenziali e di\t30.09.2023\t\t\n"
    "presa in carico\t\tDirigonto aroa convizi alla\t\n"
    "\tn. utenti con disabilità frequentanti i servizi semi – residenziali al 31.12.2022 (n. 75)/n. utenti per cui sono state sperimentate nuove progettualità =≥ 25% entro 31.12.2023\tDirigente area servizi alla persona\tMEDIA\n"
)

# lines 389-405 of the sample
INLINE_STRATEGIC = (
    "Servizio CULTURA – POLITICHE GIOVANILI\n"
    "\n"
    "OBIETTIVI OPERATIVI SPECIFICI 2023\n"
    "\n"
    "MISSIONE 04 – ISTRUZIONE E DIRITTO ALLO STUDIO - PROGRAMMA 06: SERVIZI AUSILIARI ALL'ISTRUZIONE OBIETTIVO STRATEGICO: GARANTIRE INCLUSIONE SCOLASTICA ALUNNI CON DISABILITÀ\n"
    "\n"
    "OBIETTIVO: ASSEGNAZIONE ALLA SCUOLA DI PERSONALE PER L'ASSISTENZA (COMUNI DI BASTIGLIA, BOMPORTO, NONANTOLA E RAVARINO) ED ELABORAZIONE PROGETTO EDUCATIVO ASSISTENZIALE (PEI) E PROGETTO DI VITA\n"
    "\n"
    "7.55.67.2.7.2.7.7.7.7.7.7.7.7.7.7.7.7.7.7.7.\t\t\t\n"
    "DESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO\n"
    "\t\t\tCORRUTTIVO\n"
    "\t\t\tVALUTAZIONE\n"
    "\t\t\tCRITICITA'\n"
    "Garantire l'assegnazione, nei limiti delle risorse disponibili, di\tn.studenti scuole secondarie di 2° grado con disabilità al\tDirigente area\tMEDIA\n"
    "personale per l'assistenza finalizzata alla conquista\t31.12.2022 (n.64) / n. progetti di vita = 20% - entro la data\tservizi alla persona\t\n"
    "dell'autonomia fisica, relazionale e di apprendimento.\tdi effettivo trasferimento all'Unione delle funzioni\t\t\n"
    "Promozione nell'ambito dei PEI del progetto di vita\tinerenti i servizi educativi e scolastici\t\t\n"
)

# lines 658-667 of the sample
POLIZIA_LABELS = (
    "OBIETTIVO: ISTITUZIONE DI UN UFFICIO DI COORDINAMENTO TRA IL COMANDANTE, I RESPONSABILI DI PRESIDIO E IL RESPONSABILE DEL SERVIZIO CENTRALE AMMINISTRATIVO\n"
    "\n"
    "\tDESCRIZIONE\tINDICATORE DI RISULTATO 2023\tRESPONSABILE\tRISCHIO CORRUTTIVO\n"
    "a)\tPredisposizione turnazioni serali, notturne e festive anche a livello sovra comunale in armonia con le turnazioni dei presidi territoriali\tNumero dei servizi sul territorio.\t\tMEDIA\n"
    "b) c)\tPotenziamento della centrale operativa dell'Unione Potenziamento di nuclei specializzati per materia trasversali\tReportistica dell'attività svolta. Numero richieste/chiamate. Nuovo programma di gestione delle pattuglie e dei servizi/turni Numero controlli specialistici:\t\t\n"
    "\t\tControlli edilizi n. 30 Controlli commerciali n. 60 Controlli ambientali n. 30 Lezioni di educazione stradale n. 90\t\t\n"
    "\n"
    "d)\tPotenziamento del progetto di controllo di vicinato\tNumero richieste di intervento da parte dei gruppi di controllo del vicinato. Conferenze per la cittadinanza su varie materie riguardanti la prevenzione n. 8\t\n"
    "e)\tAzioni Coordinate con Stazioni dei Carabinieri e con le altre Forze dell'Ordine\tNumero di interventi richiesti dalle altre forze di polizia o in collaborazione con le stesse, numero interventi delegati\t\n"
    "f)\tAttività ordinaria puntuale rivolta alla cittadinanza e alla prevenzione di condotte illecite\tReportistica delle attività svolta da rapportare agli anni precedenti\t\n"
)

# lines 572-578 of the sample
MISSING_RESP_HEADER = (
    "OBIETTIVO: ATTUAZIONE INVESTIMENTI 1.2\n"
    "\n"
    "DESCRIZIONE\tDESCRIZIONE INDICATORI DI RISULTATO 2023\t\tRISCHIO CORRUTTIVO\n"
    "\t\t\tVALUTAZIONE\n"
    "\t\t\tCRITICITA'\n"
    "Attuazione percorsi di autonomia per persone con\tApprovazione atto indicante modalità attuative linea\tDirigente area servizi alla\tMEDIA\n"
    "disabilità\td'intervento investimento 1.2 – entro 31.03.2023\tpersona\t\n"
)

# --- helpers ------------------------------------------------------------------------------


def _parse(*parts: str) -> ParseResult:
    result = parse(doc_from_text("".join(parts)))
    result.ledger.finalize()
    return result


def _rows(result: ParseResult, table: str) -> list[dict[str, Any]]:
    return result.tables.get(table, [])


def _status(result: ParseResult) -> dict[int, tuple[str, str]]:
    return {r["line_no"]: (r["status"], r["detail"]) for r in result.ledger.rows()}


def _unparsed(result: ParseResult) -> list[tuple[int, str, str]]:
    return [
        (r["line_no"], r["detail"], r["text"])
        for r in result.ledger.rows()
        if r["status"] == "unparsed"
    ]


# --- excerpts: title, weights, organisational indicators ---------------------------------


def test_title_block_toc_and_period() -> None:
    r = _parse(TITLE_AND_TOC, WEIGHTS)
    assert r.family == FAMILY == "piao"
    assert r.layout == LAYOUT == "piao_performance"
    assert r.doc_title == "PIAO 2023 - 2025 - Sottosezione 2.1 Performance"
    assert (r.period_start_year, r.period_end_year) == (2023, 2025)
    st = _status(r)
    for n in (3, 5, 7, 9):
        assert st[n] == ("boilerplate", "document_title")
    for n in [11, *range(13, 34)]:
        assert st[n] == ("boilerplate", "table_of_contents"), n
    assert st[35] == ("boilerplate", "section_heading")  # the first TOC entry, as a heading
    assert st[37] == ("boilerplate", "narrative_text")
    assert _unparsed(r) == []


def test_document_without_any_table_is_rejected() -> None:
    with pytest.raises(ParseError):
        parse(doc_from_text(TITLE_AND_TOC))


def test_weights_of_organisational_performance() -> None:
    r = _parse(WEIGHTS)
    rows = _rows(r, "piao_weights")
    assert [(w["item"], w["weight_raw"], w["weight_pct"]) for w in rows] == [
        ("Performance organizzativa di ente", "50 %", Decimal("50")),
        ("Performance organizzativa di area", "50 %", Decimal("50")),
    ]
    assert {w["weight_group"] for w in rows} == {"performance_organizzativa"}
    assert sum(w["weight_pct"] for w in rows) == Decimal("100")
    assert _status(r)[3] == ("mapped", "piao_weights")  # the header names the group
    assert _unparsed(r) == []


def test_ente_indicators_rows_wrapped_over_lines() -> None:
    r = _parse(ENTE_INDICATORS)
    rows = _rows(r, "piao_org_indicators")
    assert [x["scope"] for x in rows] == ["ente"] * 5
    assert [x["indicator_seq"] for x in rows] == [1, 2, 3, 4, 5]
    assert [x["target_raw"] for x in rows[:4]] == [
        "Inferiore al 45%",
        "Superiore al 53%",
        "Superiore al 55%",
        "Inferiore al 20%",
    ]
    salario = rows[3]
    # the name goes on after a page break on a line whose first cell is lowercase
    assert salario["name"] == (
        "Incidenza del salario accessorio ed incentivante rispetto al totale della spesa "
        "di personale"
    )
    assert salario["definition"].startswith(
        'Impegni (pdc 1.01.01.004 + 1.01.01.008 "indennità e altri compensi al personale'
    )
    assert salario["definition"].endswith("FPV spesa concernente il Macroaggregato 1.1)")
    assert (salario["source_line"], salario["source_line_end"]) == (7, 17)
    formazione = rows[4]
    assert formazione["name"] == (
        "Formazione del personale in materia di anticorruzione, trasparenza, privacy e contratti"
    )
    assert formazione["target_raw"] == (
        "Verifica della soddisfazione dei fruitori delle attività formative organizzate "
        "attraverso somministrazione di questionario"
    )
    assert _status(r)[1] == ("mapped", "piao_org_indicators")  # the sentence gives the scope
    assert _unparsed(r) == []


def test_struttura_indicators_with_garbled_block() -> None:
    r = _parse(STRUTTURA_INDICATORS)
    rows = _rows(r, "piao_org_indicators")
    assert [x["scope"] for x in rows] == ["struttura"] * 4
    assert [x["name"] for x in rows[:3]] == [
        "Grado di attuazione del Piano triennale per la prevenzione della corruzione e della "
        "trasparenza",
        "Aumento tendenziale degli atti spediti via pec",
        "Aumento tendenziale della comunicazione tramite i siti istituzionali e servizi on line",
    ]
    assert [x["garbled"] for x in rows] == [False, False, False, True]
    garbled = rows[3]
    # word-fragment cells: nothing is guessed, the lines are kept as written
    assert garbled["name"] is None and garbled["definition"] is None
    assert garbled["target_raw"] is None
    assert "Formazione | del | personale | con | particolare" in garbled["raw_text"]
    assert garbled["raw_text"].endswith("particolare riferimento al lavoro agile")
    assert (garbled["source_line"], garbled["source_line_end"]) == (8, 14)
    assert _unparsed(r) == []


# --- excerpts: areas ------------------------------------------------------------------------


def test_area_table_continuation_adds_service_and_role() -> None:
    r = _parse(AREA_BILANCIO)
    rows = _rows(r, "piao_areas")
    assert len(rows) == 2
    ra01, cdg = rows
    assert (ra01["area_name"], ra01["cost_center"], ra01["service"]) == (
        "ECONOMICO FINANZIARIA",
        "RA01",
        "BILANCIO",
    )
    assert ra01["responsabile_raw"] == "dott. Luigino BOARIN (Responsabile Servizio Finanziario)"
    assert ra01["responsabile_name_raw"] == "dott. Luigino BOARIN"
    assert ra01["responsabile_role_raw"] == "(Responsabile Servizio Finanziario)"
    assert cdg["cost_center"] is None and cdg["parent_cost_center"] == "RA01"
    assert cdg["service"] == "CONTROLLO DI GESTIONE"
    assert cdg["responsabile_raw"] is None
    assert _status(r)[1] == ("mapped", "piao_areas")
    assert _unparsed(r) == []


def test_area_table_polizia_with_centro_peg_header() -> None:
    r = _parse(AREA_POLIZIA)
    rows = _rows(r, "piao_areas")
    assert [(x["cost_center"], x["parent_cost_center"], x["responsabile_raw"]) for x in rows] == [
        ("PM01", None, "Comandante dott. Luca DI NIQUILI"),
        (None, "PM01", "Isp. Marco GOBBO"),
        (None, "PM01", "Isp. Superiore Daniele RABBONI"),
        (None, "PM01", "Istr. direttivo amm.vo Roberta ZOBOLI"),
    ]
    assert rows[0]["service"] == "AREA POLIZIA LOCALE (SUB AMBITO)"
    assert {x["area_name"] for x in rows} == {"POLIZIA LOCALE"}
    assert _status(r)[4] == ("boilerplate", "table_header")  # "PEG" ends the header
    assert _unparsed(r) == []


# --- excerpts: objective tables ----------------------------------------------------------


def test_row_broken_by_page_break_and_bullet_row() -> None:
    r = _parse(PAGE_BREAK_ROWS)
    (obj,) = _rows(r, "piao_objectives")
    assert obj["title"] == "AGGIORNAMENTO DEL PIANO DI AZIONI POSITIVE"
    rows = _rows(r, "piao_objective_rows")
    assert len(rows) == 5
    assert {x["objective_seq"] for x in rows} == {obj["objective_seq"]}
    fourth = rows[3]
    assert fourth["indicator_raw"].endswith(
        "Il Servizio unico del personale assicura tempestività e rispetto della normativa "
        "nella gestione delle richieste di part-time inoltrate dai dipendenti"
    )
    assert fourth["rischio"] == "MEDIA"
    assert (fourth["source_line"], fourth["source_line_end"]) == (7, 9)
    fifth = rows[4]  # "•" row with its own risk: a new row, its description cell is a bullet
    assert fifth["description"] is None and fifth["label"] == "•"
    assert fifth["indicator_raw"].startswith("anche dopo il DPCM del 23.09.2021")
    assert fifth["responsabile_raw"] == "affari generali Unione comuni del Sorbara"
    assert fifth["rischio"] == "BASSA"
    assert {x["year"] for x in rows} == {2023}
    assert _unparsed(r) == []


def test_glued_servizio_title_and_split_responsabile_header() -> None:
    r = _parse(GLUED_SERVIZIO)
    (obj,) = _rows(r, "piao_objectives")
    assert obj["servizio"] == "UNICO DEL PERSONALE"
    assert obj["plan_year"] == 2023
    assert (obj["missione_code"], obj["programma_code"], obj["programma_name"]) == (
        "01",
        "10",
        "RISORSE UMANE",
    )
    assert obj["missione_name"] == "SERVIZI ISTITUZIONALI, GENERALI E DI GESTIONE"
    (row,) = _rows(r, "piao_objective_rows")
    assert row["responsabile_raw"] == "Responsabile del Servizio Unico del Personale"
    assert row["rischio"] == "BASSA"
    assert _unparsed(r) == []


def test_cell_split_mid_word_in_label_column() -> None:
    r = _parse(SPLIT_WORD)
    (row,) = _rows(r, "piao_objective_rows")
    assert row["description"] == "Verifica sul funzionamento del servizio"
    assert row["split_cell_raw"] == "Verifica sul f | unzionamento del servizio"
    assert row["label"] is None
    assert row["indicator_raw"] == (
        "Numero gare digitali maggiore rispetto alle gare non digitali Aumento tendenziale "
        "gare digitali rispetto all'esercizio precedente"
    )
    assert row["responsabile_raw"] == "Responsabile dell'Area Organizzazione ed affari generali"
    assert row["rischio"] == "MEDIA"


def test_list_items_with_their_own_indicator() -> None:
    r = _parse(LIST_ITEMS)
    rows = _rows(r, "piao_objective_rows")
    assert len(rows) == 5
    intro = rows[0]
    assert intro["description"] == (
        "Redazione di progetti connessi alle esigenze di promozione territoriale delle diverse "
        "amministrazioni e/o legati alla valorizzazione commerciale o delle attività produttive:"
    )
    assert intro["indicator_raw"] is None
    assert intro["responsabile_raw"] == "Responsabile servizio SUAP"
    assert intro["rischio"] == "BASSA"
    assert [(x["label"], x["indicator_raw"], x["parent_row_seq"]) for x in rows[1:]] == [
        ("1)", "Realizzazione entro il 31/8/2023", 1),
        ("2)", "Rendicontazione entro il 31/12/2023", 1),
        ("3)", "Approvazione entro 30/9/2023", 1),
        ("4)", "Definizione delle attività e approvazione entro il 30/6/2023", 1),
    ]
    assert rows[4]["description"] == "4) Ristrutturazione della Fiera di Nonantola – 2° fase"
    # the items' responsabile / rischio cells are empty in the document: nothing is copied
    assert {x["responsabile_raw"] for x in rows[1:]} == {None}
    assert {x["rischio"] for x in rows[1:]} == {None}
    assert _unparsed(r) == []


def test_garbled_line_attached_to_its_objective() -> None:
    r = _parse(GARBLED_HEADING)
    strategic, operativo = _rows(r, "piao_objectives")
    assert strategic["level"] == "strategico"
    assert strategic["title"] == (
        "PARTECIPAZIONE ATTIVA DEI GIOVANI ALLA VITA PUBBLICA – SVILUPPO DEL PROTAGONISMO GIOVANILE"
    )
    assert operativo["level"] == "operativo"
    assert operativo["parent_objective_seq"] == strategic["objective_seq"]
    assert operativo["extra_text_raw"].startswith("BILLITYO, SYLEGITO BELLE AZIONI CONTENDIE")
    assert operativo["source_line_end"] == 5
    (row,) = _rows(r, "piao_objective_rows")
    assert row["indicator_raw"] == "n. 1 evento partecipato da realizzarsi entro il 31.12.2023"
    assert row["responsabile_raw"] == "Dirigente area servizi alla persona"
    assert row["rischio"] == "BASSA"
    st = _status(r)
    assert st[5] == ("mapped", "piao_objectives")
    assert st[7] == ("boilerplate", "table_header")
    assert st[9] == ("boilerplate", "table_header")
    assert _unparsed(r) == []


def test_year_taken_from_the_table_header() -> None:
    r = _parse(HEADER_2022)
    (row,) = _rows(r, "piao_objective_rows")
    assert row["year"] == 2022
    assert row["indicator_header_raw"] == "INDICATORE DI RISULTATO 2022"
    assert row["rischio"] == "BASSA"
    assert row["rischio_raw"] == "CRITICITA' BASSA"


def test_disability_objective_split_header_and_second_indicator() -> None:
    r = _parse(DISABILITY)
    strategic, operativo = _rows(r, "piao_objectives")
    for obj in (strategic, operativo):
        assert obj["servizio"] == "SERVIZI SOCIALI E SOCIO SANITARI"
        assert (obj["missione_code"], obj["programma_code"]) == ("12", "02")
        assert obj["programma_code_raw"] == "2"
        assert obj["missione_name"] == "DIRITTI SOCIALI, POLITICHE SOCIALI E FAMIGLIA"
        assert obj["programma_name"] == "INTERVENTI PER LA DISABILITÀ"
    assert operativo["parent_objective_seq"] == strategic["objective_seq"]
    first, second = _rows(r, "piao_objective_rows")
    assert first["description"] == (
        "Garantire il funzionamento della rete dei servizi accreditati e non per la non "
        "autosufficienza / consolidare la realizzazione di nuove progettualità assistenziali e "
        "di presa in carico"
    )
    assert first["indicator_raw"] == (
        "Approvazione atto d'indirizzo per l'individuazione del fabbisogno dei servizi "
        "accreditati e non per diasbili – entro 30.09.2023"
    )
    assert first["responsabile_raw"] == "Dirigonto aroa convizi alla"  # garbled, kept as is
    assert first["rischio"] == "BASSA"
    assert second["description"] is None
    assert second["indicator_raw"].endswith("=≥ 25% entro 31.12.2023")
    assert second["responsabile_raw"] == "Dirigente area servizi alla persona"
    assert second["rischio"] == "MEDIA"
    assert _unparsed(r) == []


def test_missione_line_with_inline_strategic_objective() -> None:
    r = _parse(INLINE_STRATEGIC)
    strategic, operativo = _rows(r, "piao_objectives")
    assert strategic["level"] == "strategico"
    assert strategic["title"] == "GARANTIRE INCLUSIONE SCOLASTICA ALUNNI CON DISABILITÀ"
    assert strategic["source_line"] == 5
    assert (strategic["missione_code"], strategic["missione_name"]) == (
        "04",
        "ISTRUZIONE E DIRITTO ALLO STUDIO",
    )
    assert (operativo["programma_code"], operativo["programma_name"]) == (
        "06",
        "SERVIZI AUSILIARI ALL'ISTRUZIONE",
    )
    assert operativo["servizio"] == "CULTURA – POLITICHE GIOVANILI"
    assert operativo["parent_objective_seq"] == strategic["objective_seq"]
    assert operativo["extra_text_raw"] == "7.55.67.2.7.2.7.7.7.7.7.7.7.7.7.7.7.7.7.7.7."
    (row,) = _rows(r, "piao_objective_rows")
    assert row["description"] == (
        "Garantire l'assegnazione, nei limiti delle risorse disponibili, di personale per "
        "l'assistenza finalizzata alla conquista dell'autonomia fisica, relazionale e di "
        "apprendimento. Promozione nell'ambito dei PEI del progetto di vita"
    )
    assert row["responsabile_raw"] == "Dirigente area servizi alla persona"
    assert row["rischio"] == "MEDIA"
    assert _unparsed(r) == []


def test_polizia_table_with_label_column() -> None:
    r = _parse(POLIZIA_LABELS)
    rows = _rows(r, "piao_objective_rows")
    assert [x["label"] for x in rows] == ["a)", "b) c)", "d)", "e)", "f)"]
    assert rows[0]["indicator_raw"] == "Numero dei servizi sul territorio."
    assert rows[0]["rischio"] == "MEDIA"
    assert rows[1]["indicator_raw"].endswith(
        "Controlli edilizi n. 30 Controlli commerciali n. 60 Controlli ambientali n. 30 "
        "Lezioni di educazione stradale n. 90"
    )
    assert rows[3]["description"] == (
        "Azioni Coordinate con Stazioni dei Carabinieri e con le altre Forze dell'Ordine"
    )
    assert {x["responsabile_raw"] for x in rows} == {None}
    assert [x["rischio"] for x in rows[1:]] == [None] * 4
    assert _unparsed(r) == []


def test_header_without_responsabile_label_reads_by_position() -> None:
    r = _parse(MISSING_RESP_HEADER)
    (row,) = _rows(r, "piao_objective_rows")
    assert row["description"] == "Attuazione percorsi di autonomia per persone con disabilità"
    assert row["indicator_raw"] == (
        "Approvazione atto indicante modalità attuative linea d'intervento investimento 1.2 – "
        "entro 31.03.2023"
    )
    assert row["responsabile_raw"] == "Dirigente area servizi alla persona"
    assert row["rischio"] == "MEDIA"


MISSIONE_LINES = [
    (
        "MISSIONE 01: SERVIZI ISTITUZIONALI, GENERALI E DI GESTIONE - PROGRAMMA 03: GESTIONE "
        "ECONOMICA, FINANZIARIA, PROGRAMMAZIONE, PROVVEDITORATO – SERVIZIO PROVVEDITORATO E CUC",
        ("01", "SERVIZI ISTITUZIONALI, GENERALI E DI GESTIONE", "03"),
        "GESTIONE ECONOMICA, FINANZIARIA, PROGRAMMAZIONE, PROVVEDITORATO – SERVIZIO "
        "PROVVEDITORATO E CUC",
        None,
    ),
    (
        "MISSIONE 09: SVILUPPO SOSTENIBILE E TUTELA DEL TERRITORIO E DELL'AMBIENTE – PROGRAMMA "
        "02: TUTELA, VALORIZZAZIONE E RECUPERO AMBIENTALE",
        ("09", "SVILUPPO SOSTENIBILE E TUTELA DEL TERRITORIO E DELL'AMBIENTE", "02"),
        "TUTELA, VALORIZZAZIONE E RECUPERO AMBIENTALE",
        None,
    ),
    (
        "MISSIONE 6 – POLITICHE GIOVANILI, SPORT E TEMPO LIBERO - PROGRAMMA 2: GIOVANI "
        "OBIETTIVO STRATEGICO: PROMOZIONE DELLA SALUTE DEGLI ADOLESCENTI/GIOVANI",
        ("06", "POLITICHE GIOVANILI, SPORT E TEMPO LIBERO", "02"),
        "GIOVANI",
        "PROMOZIONE DELLA SALUTE DEGLI ADOLESCENTI/GIOVANI",
    ),
    (
        "MISSIONE 12 DIRITTI SOCIALI, POLITICHE SOCIALI E FAMIGLIA – PROGRAMMA 3: INTERVENTI "
        "PER GLI ANZIANI OBIETTIVO STRATEGICO: RAFFORZAMENTO DEI SERVIZI DOMICILIARI PER "
        "ANZIANI E CARE GIVER",
        ("12", "DIRITTI SOCIALI, POLITICHE SOCIALI E FAMIGLIA", "03"),
        "INTERVENTI PER GLI ANZIANI",
        "RAFFORZAMENTO DEI SERVIZI DOMICILIARI PER ANZIANI E CARE GIVER",
    ),
]


@pytest.mark.parametrize(("line", "codes", "programma_name", "strategic"), MISSIONE_LINES)
def test_missione_heading_variants(
    line: str, codes: tuple[str, str, str], programma_name: str, strategic: str | None
) -> None:
    r = _parse(line + "\n\n", SPLIT_WORD)
    objectives = _rows(r, "piao_objectives")
    operativo = objectives[-1]
    assert operativo["title"] == "SVILUPPO UTILIZZO DELLA PIATTAFORMA SATER"
    got = (operativo["missione_code"], operativo["missione_name"], operativo["programma_code"])
    assert got == codes
    assert operativo["programma_name"] == programma_name
    assert operativo["missione_raw"] == line
    if strategic is None:
        assert len(objectives) == 1 and operativo["parent_objective_seq"] is None
    else:
        assert objectives[0]["level"] == "strategico" and objectives[0]["title"] == strategic
        assert operativo["parent_objective_seq"] == objectives[0]["objective_seq"]


# --- excerpts: service indicators and parametri -------------------------------------------


def test_bilancio_parametri_and_indicators() -> None:
    r = _parse(AREA_BILANCIO, BILANCIO_PARAMETRI_INDICATORI)
    params = _rows(r, "piao_parametri")
    assert [p["item_seq"] for p in params] == [1, 2, 3, 4]
    assert params[0]["text"] == "numero di reversali di incasso (2.267 al 31.12.2022)"
    assert (params[0]["value"], params[0]["reference_date"]) == (Decimal("2267"), "2022-12-31")
    assert params[1]["value"] == Decimal("4281")
    assert params[2]["value"] is None  # two figures (686 determine e 152 delibere): none picked
    assert params[3]["value"] == Decimal("22")
    assert {p["servizio"] for p in params} == {"BILANCIO - CONTROLLO DI GESTIONE"}
    rows = _rows(r, "piao_service_indicators")
    assert len(rows) == 4
    assert {x["table_title"] for x in rows} == {"Servizio Bilancio"}
    assert {x["servizio"] for x in rows} == {"BILANCIO - CONTROLLO DI GESTIONE"}
    first = rows[0]
    assert first["dimension"] == "Tempestività"
    assert first["standard_raw"] == "= 100%"
    assert first["formula"] == (
        "Rispetto del crono programma operativo predisposto sulla base delle indicazioni della "
        "Giunta dell'Unione"
    )
    # the last piece of the name comes after a page break
    assert first["name"].endswith(
        "ed il rendiconto nel rispetto dei tempi stabiliti dall'organo esecutivo"
    )
    assert (
        rows[1]["standard_raw"] == "Pubblicazione dei documenti entro 30 giorni dall'approvazione"
    )
    assert [(x["dimension"], x["name"], x["standard_raw"], x["rischio"]) for x in rows[2:]] == [
        ("Quantità", "Emissione delle reversali di incasso", "≥ 2.400", "BASSA"),
        ("Quantità", "Emissione dei mandati di pagamento", "≥ 4.000", "BASSA"),
    ]
    assert _unparsed(r) == []


def test_repeated_header_after_page_break_is_skipped() -> None:
    lines = BILANCIO_PARAMETRI_INDICATORI.splitlines(keepends=True)
    title, header, rows_, tail = lines[7], lines[9:13], lines[13:17], lines[18:]
    # the same table with its header repeated after the page break (lines copied from it)
    r = _parse(title, *header, *rows_, "\n", *header, *tail)
    rows = _rows(r, "piao_service_indicators")
    assert len(rows) == 4
    assert rows[0]["name"].endswith("nel rispetto dei tempi stabiliti dall'organo esecutivo")
    st = _status(r)
    assert st[11] == ("boilerplate", "repeated_table_header")
    assert [st[n] for n in (12, 13, 14)] == [("boilerplate", "table_header")] * 3
    assert _unparsed(r) == []


def test_table_title_after_indicatori_heading() -> None:
    r = _parse(PROTOCOLLO)
    (row,) = _rows(r, "piao_service_indicators")
    assert row["table_title"] == "PROTOCOLLAZIONE GENERALE"
    assert row["name"] == (
        "Attività di registrazione classificazione e fascicolazione dei documenti pervenuti all'AOO"
    )
    assert row["formula"] == "Data ricezione - data di registrazione"
    assert row["standard_raw"] == "1 giorno"
    assert _status(r)[3] == ("mapped", "piao_service_indicators")


def test_cells_in_the_wrong_column_are_kept_not_distributed() -> None:
    r = _parse(MISALIGNED_INDICATORS)
    rows = _rows(r, "piao_service_indicators")
    assert [x["dimension"] for x in rows] == [
        "Efficienza",
        "Tempestività Efficienza",
        "Tempestività",
    ]
    # an underlined "<" (≤) is kept with its markup: stripping it would change the operator
    assert rows[1]["standard_raw"] == (
        "Data trasmissione dei documenti <u><</u> rispetto alla scadenza prevista"
    )
    third = rows[2]
    assert third["name"] == "Attività della delegazione trattante"
    assert third["formula"] == "Tempestività trasmissione"
    assert third["standard_raw"] == "Entro 5 giorni dalla stipula"
    assert third["rischio"] == "BASSA"
    assert third["misaligned_text_raw"] == (
        "| all'Aran | dell'accordo | definitiva | dell'accordo\n| aziendale |  | aziendale"
    )
    assert third["source_line_end"] == 9
    assert _unparsed(r) == []


# --- the whole sample ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def full() -> ParseResult:
    result = parse(sample(SAMPLE))
    result.ledger.finalize()
    return result


@pytest.fixture(scope="module")
def raw_lines() -> list[str]:
    return list(sample(SAMPLE).lines)


def test_full_title_and_period(full: ParseResult) -> None:
    assert full.doc_title == "PIAO 2023 - 2025 - Sottosezione 2.1 Performance"
    assert (full.period_start_year, full.period_end_year) == (2023, 2025)


def test_full_coverage(full: ParseResult) -> None:
    counts = full.ledger.counts()
    nonblank = counts["mapped"] + counts["boilerplate"] + counts["unparsed"]
    assert nonblank == 463
    assert (counts["mapped"] + counts["boilerplate"]) / nonblank >= 0.995
    assert _unparsed(full) == []  # no line is left unclaimed


def test_full_weights(full: ParseResult) -> None:
    rows = _rows(full, "piao_weights")
    assert [(w["item"], w["weight_pct"]) for w in rows] == [
        ("Performance organizzativa di ente", Decimal("50")),
        ("Performance organizzativa di area", Decimal("50")),
    ]
    assert sum(w["weight_pct"] for w in rows) == Decimal("100")


def test_full_org_indicators(full: ParseResult) -> None:
    rows = _rows(full, "piao_org_indicators")
    ente = [x for x in rows if x["scope"] == "ente"]
    struttura = [x for x in rows if x["scope"] == "struttura"]
    assert [x["name"] for x in ente] == [
        "Rigidità strutturale di bilancio",
        "Capacità di riscossione",
        "Capacità di pagamento della spesa corrente",
        "Incidenza del salario accessorio ed incentivante rispetto al totale della spesa di "
        "personale",
        "Formazione del personale in materia di anticorruzione, trasparenza, privacy e contratti",
    ]
    # 3 readable rows + the 4th ("Formazione del personale ... lavoro agile") garbled
    assert len(struttura) == 4
    assert [x["garbled"] for x in struttura] == [False, False, False, True]
    assert len(rows) == 9


def test_full_bilancio_indicators(full: ParseResult) -> None:
    rows = [
        x
        for x in _rows(full, "piao_service_indicators")
        if x["servizio"] == "BILANCIO - CONTROLLO DI GESTIONE"
    ]
    by_name = {x["name"]: x for x in rows}
    assert by_name["Emissione delle reversali di incasso"]["standard_raw"] == "≥ 2.400"
    assert by_name["Emissione dei mandati di pagamento"]["standard_raw"] == "≥ 4.000"
    assert len(rows) == 4


def test_full_service_indicator_tables(full: ParseResult) -> None:
    rows = _rows(full, "piao_service_indicators")
    per_table: dict[tuple[str | None, str | None], int] = {}
    for x in rows:
        key = (x["servizio"], x["table_title"])
        per_table[key] = per_table.get(key, 0) + 1
    assert per_table == {
        ("BILANCIO - CONTROLLO DI GESTIONE", "Servizio Bilancio"): 4,
        ("ORGANIZZAZIONE E SEGRETERIA", "PROTOCOLLAZIONE GENERALE"): 1,
        ("UNICO DEL PERSONALE", None): 3,
        ("SERVIZI SOCIALI E SOCIO SANITARI", "Servizio Sociale Territoriale"): 5,
        ("SERVIZI SOCIALI E SOCIO SANITARI", "Servizio Politiche giovanili"): 1,
        ("SERVIZI SOCIALI E SOCIO SANITARI", "Servizio Politiche abitative"): 3,
    }


def test_full_areas(full: ParseResult) -> None:
    rows = _rows(full, "piao_areas")
    ra01 = next(x for x in rows if x["cost_center"] == "RA01")
    assert ra01["service"] == "BILANCIO"
    assert ra01["responsabile_name_raw"] == "dott. Luigino BOARIN"
    assert ra01["responsabile_raw"] == "dott. Luigino BOARIN (Responsabile Servizio Finanziario)"
    centri = [x["cost_center"] for x in rows if x["cost_center"]]
    assert centri == [
        "RA01", "AG01-02", "PE01", "AC01", "SI01", "AP01", "SIS0", "AM01", "CU01", "PG01",
        "SO01", "PM01",
    ]  # fmt: skip
    assert [x["area_name"] for x in rows if x["row_seq"] == 1] == [
        "ECONOMICO FINANZIARIA",
        "ORGANIZZAZIONE E AFFARI GENERALI",
        "SERVIZI AL TERRITORIO",
        "SERVIZI ALLA PERSONA",
        "POLIZIA LOCALE",
    ]
    assert len(rows) == 18


_OBIETTIVO_HEADING = re.compile(r"^OBIETTIVO(?!\s+STRATEGICO)(\s*:|\s+)")


def test_full_every_obiettivo_heading_is_an_operational_objective(
    full: ParseResult, raw_lines: list[str]
) -> None:
    heading_lines = [n for n, s in enumerate(raw_lines, 1) if _OBIETTIVO_HEADING.match(s)]
    assert len(heading_lines) == 48  # counted with grep on the sample
    operativi = [x for x in _rows(full, "piao_objectives") if x["level"] == "operativo"]
    assert [x["source_line"] for x in operativi] == heading_lines
    equita = next(x for x in operativi if x["source_line"] == 534)  # "OBIETTIVO PERSEGUIRE"
    assert equita["title"].startswith("PERSEGUIRE CONDIZIONI DI EQUITÀ PER I CITTADINI")


def test_full_strategic_objectives(full: ParseResult, raw_lines: list[str]) -> None:
    strategic = [x for x in _rows(full, "piao_objectives") if x["level"] == "strategico"]
    expected = [n for n, s in enumerate(raw_lines, 1) if "OBIETTIVO STRATEGICO" in s.upper()]
    assert len(expected) == 15
    assert [x["source_line"] for x in strategic] == expected
    assert strategic[-1]["title"] == (
        'Attuazione progetti PNRR Missione 5 "Inclusione e coesione" – Componente 2'
    )


def test_full_objective_sequence_and_parents(full: ParseResult) -> None:
    objectives = _rows(full, "piao_objectives")
    assert [x["objective_seq"] for x in objectives] == list(range(1, 64))
    by_seq = {x["objective_seq"]: x for x in objectives}
    for x in objectives:
        if x["parent_objective_seq"] is not None:
            assert by_seq[x["parent_objective_seq"]]["level"] == "strategico"
            assert x["parent_objective_seq"] < x["objective_seq"]


def test_full_disability_objective(full: ParseResult) -> None:
    objectives = _rows(full, "piao_objectives")
    obj = next(
        x
        for x in objectives
        if x["title"]
        == "CONSOLIDAMENTO DELLA RETE DEI SERVIZI PER DISABILI E AVVIO SERVIZI INNOVATIVI"
    )
    assert (obj["missione_code"], obj["programma_code"]) == ("12", "02")
    assert obj["programma_code_raw"] == "2"
    assert obj["programma_name"] == "INTERVENTI PER LA DISABILITÀ"
    parent = next(x for x in objectives if x["objective_seq"] == obj["parent_objective_seq"])
    assert parent["title"].startswith(
        "GARANTIRE INTERVENTI/SERVIZI A FAVORE DELLE PERSONE CON DISABILITA'"
    )


def test_full_context_carries_and_resets(full: ParseResult) -> None:
    by_line = {x["source_line"]: x for x in _rows(full, "piao_objectives")}
    assert by_line[290]["programma_code"] == "08"  # last objective under MISSIONE 01 PROG. 08
    # a new Area / Servizio resets missione and programma
    assert by_line[307]["area_name"] == "SERVIZI AL TERRITORIO"
    assert by_line[307]["missione_code"] is None
    assert by_line[344]["missione_code"] == "11"
    assert by_line[112]["servizio"] is None  # the objective for every area and service
    assert by_line[112]["section_heading"] == (
        "OBIETTIVI OPERATIVI SPECIFICI TRASVERSALI A TUTTE LE AREE/SERVIZI"
    )
    # the strategic objective carries down to the following operational ones
    assert [by_line[n]["parent_objective_seq"] for n in (562, 572, 580)] == [
        by_line[560]["objective_seq"]
    ] * 3


def test_full_objective_rows(full: ParseResult) -> None:
    objectives = _rows(full, "piao_objectives")
    rows = _rows(full, "piao_objective_rows")
    with_rows = {x["objective_seq"] for x in rows}
    for obj in objectives:
        if obj["level"] == "operativo":
            assert obj["objective_seq"] in with_rows, obj["title"]
    servizio_civile = next(
        x["objective_seq"]
        for x in objectives
        if x["title"] == "ATTUAZIONE PROGETTI SERVIZIO CIVILE UNIVERSALE"
    )
    assert {x["year"] for x in rows if x["objective_seq"] == servizio_civile} == {2022}
    assert {x["year"] for x in rows if x["objective_seq"] != servizio_civile} == {2023}
    assert {x["rischio"] for x in rows} == {"BASSA", "MEDIA", "BASSO", None}
    assert len(rows) == 61


def test_full_parametri(full: ParseResult) -> None:
    rows = _rows(full, "piao_parametri")
    assert [x["value_raw"] for x in rows] == ["2.267", "4.281", None, "22"]


# values computed by the parser (codes padded, ISO dates, fixed vocabularies), not copied text
DERIVED = {"weight_group", "level", "scope", "missione_code", "programma_code", "reference_date"}


def test_full_no_text_is_invented(full: ParseResult, raw_lines: list[str]) -> None:
    """Every word of every text value is in the document (glued split cells aside)."""
    text = " ".join(raw_lines).replace("\t", " ")
    skip = {"document_id", "raw_text", "misaligned_text_raw", "extra_text_raw", "split_cell_raw"}
    for table, rows in full.tables.items():
        for row in rows:
            for key, value in row.items():
                if (
                    key in skip
                    or not isinstance(value, str)
                    or key == "description"
                    and row.get("split_cell_raw")
                ):
                    continue
                if key in DERIVED:
                    continue
                missing = [w for w in value.split() if w not in text]
                assert not missing, (table, key, value, missing)


def test_full_garbled_lines_kept_on_their_objective(full: ParseResult) -> None:
    by_line = {x["source_line"]: x for x in _rows(full, "piao_objectives")}
    assert by_line[395]["extra_text_raw"].startswith("7.55.67.2.7.2.7.7")
    assert by_line[421]["extra_text_raw"].startswith("BILLITYO, SYLEGITO BELLE AZIONI")
    assert by_line[460]["extra_text_raw"].startswith("OBIETITO: INITEENTAZIONE DEL SERVIZIO")
    assert by_line[460]["title"].startswith(
        "IMPLEMENTAZIONE DEL SERVIZIO DI ASSISTENZA DOMICILIARE"
    )
    st = _status(full)
    for n in (397, 423, 462):
        assert st[n] == ("mapped", "piao_objectives")


def test_full_line_classification(full: ParseResult) -> None:
    st = _status(full)
    assert st[41] == ("boilerplate", "narrative_text")  # describes the plan, no figure
    assert st[70] == ("mapped", "piao_org_indicators")  # gives the scope of the table below
    assert st[91] == ("mapped", "piao_org_indicators")
    assert st[66] == ("mapped", "piao_weights")
    assert st[645] == ("boilerplate", "table_header")  # "PEG" second header line


def test_full_inline_list_in_one_cell_stays_one_row(full: ParseResult) -> None:
    rows = [x for x in _rows(full, "piao_objective_rows") if x["source_line"] == 656]
    (row,) = rows
    assert row["description"].startswith("a) Analisi e approvazione degli atti")
    assert " b) Predisposizione studio di fattibilità" in row["description"]
    assert row["label"] is None
    assert row["responsabile_raw"] == "Comandante area PL"
