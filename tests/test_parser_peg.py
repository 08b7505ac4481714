"""Tests of the PEG parser (ingest/peg/) on the Comune di Reggio Emilia PEG 2021, Allegato B.

Excerpt tests use verbatim lines of data/raw/003_51402a20550dfbf2.txt (TABs written as \\t; the
comment above each block gives the source line numbers). Every expected figure was read off
the document by a person, not copied from the parser's output.
"""

# ruff: noqa: E501  (excerpts are verbatim document lines)

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest import peg
from ingest.common import ParseError, ParseResult
from tests.helpers import doc_from_text, sample

SAMPLE = "003_51402a20550dfbf2.txt"

# Front page and the CDR 85 summary table (page break at line 51 repeats the context).
FRONT_AND_CDR_85 = (
    # lines 1-76
    "\n"
    "\n"
    "\n"
    "\n"
    "ALLEGATO B\n"
    "\n"
    "Piano Esecutivo di Gestione 2021\n"
    "\n"
    "PEG_2021\n"
    "\n"
    "AREA SERVIZI ALLA PERSONA\n"
    "\n"
    "Elaborazione del 12/07/2021\n"
    "\n"
    "AREA SERVIZI ALLA PERSONA\n"
    "\n"
    "Centro di Responsabilità\n"
    "\n"
    "85 - SERVIZIO POLITICHE DI WELFARE E INTERCULTURA\n"
    "\n"
    "87 - SERVIZIO SERVIZI SOCIALI\n"
    "\n"
    "A2 - AREA SERVIZI ALLA PERSONA\n"
    "\n"
    "85 - SERVIZIO POLITICHE DI WELFARE E INTERCULTURA\n"
    "\n"
    "Dirigente: Benedetti Lorenza\n"
    "\n"
    "Indirizzo\tObiettivo\tAzione\tCodice Progetto\tProgetto\tBudget\t% di assorbimento risorse finanziarie\t\t\n"
    "CITTA' DEL CAPITALE SOCIALE\tCittà senza barriere\tServizi e strutture senza ostacoli\t2021_PG_8516\tPercorsi di inclusione socio-lavorativa a sostegno dell'occupabilità\t\t\t\t\n"
    "\t\t\t2021_PG_8521\tPromozione di percorsi di inclusione di Care Leavers e Neomaggiorenni\t\t\t\t\n"
    "\t\t\t\tTotale Azione\t\t\t\t\n"
    "\t\t\t\tTotale Obiettivo\t\t\t\t\n"
    "\tSanità e Welfare\tInclusione attiva e misure di contrasto alla povertà e alla marginalità\t\t2021_PD_8906\tArea penale interna ed esterna\t138.674,06\t1,47 %\t\n"
    "\t\t\t\t2021_PD_8907\tInterventi ambito prostituzione, vittime di tratta, grave sfruttamento\t269.000,00\t2,85 %\t\n"
    "\t\t\t\t2021_PD_8908\tInterventi a favore della popolazione nomade\t96.000,00\t1,02 %\t\n"
    "\t\t\t\t2021_PG_8523\tPatto di contrasto alle nuove povertà\t2.244.232,18\t23,82 %\t\n"
    "\t\t\t\t\tTotale Azione\t2.747.906,24\t29,16 %\t\n"
    "\t\tIntegrazione sociale e sociosanitaria\t\t\t2021_PD_8501\tProgrammazione sociale e socio-sanitaria nella zona sociale di Reggio Emilia (Distretto).\t784.326,70\t8,32 %\n"
    "\t\t\t\t\t2021_PD_8530\tRiprogettazioni dei servizi a sostegno della domiciliarità\t15.000,00\t0,16 %\n"
    "\t\t\t\t\t2021_PD_8716\tAzioni di governance nei confronti delle partecipate\t4.545.933,00\t48,25 %\n"
    "\t\t\t\t\t\tTotale Azione\t5.345.259,70\t56,73 %\n"
    "\t\tPolitiche familiari\t\t\t2021_PD_8504\tPromozione e qualificazione Politiche familiari per minori e adolescenti\t780.595,09\t8,28 %\n"
    "\t\t\t\t\t2021_PD_8518\tProcessi di autorizzazione, accreditamento e DIA\t\t\n"
    "\t\t\t\t\tZ_23101\tIntervento di Ristrutturazione Casa di riposo O. Parisetti (ASP)\t300.000,00\t3,18 %\n"
    "\t\t\t\t\t\tTotale Azione\t1.080.595,09\t11,47 %\n"
    "\t\t\t\t\t\tTotale Obiettivo\t9.173.761,03\t100,00 %\n"
    "\t\t\tTotale Indirizzo\t9.173.761,03\t100,00 %\t\t\t\n"
    "\t\tCITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA\tDiritti delle persone\tPromozione delle diversità culturali\t2021_PD_8901\tCollaborazione con Fondazione Mondinsieme\t196.500,00\t2,09 %\n"
    "2021_PD_8903\tDTutti, promozione delle diversità culturali\t\t\t\t5.300,00\t0,06 %\t\t\n"
    "\n"
    "CITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA\tDiritti delle persone\tPromozione delle diversità culturali\t2021_PG_8524\tProgetto ITA.C.A, ITAlian Cities Against discrimination\t7.567,04\t0,08 %\t\n"
    "\t\t\t2021_PG_8544\tProgetto REGGIANE OFF\t\t\t\n"
    "\t\t\t2021_PG_8545\tErogazione buoni taxi per l'uso di taxi e veicoli NCC\t\t\t\n"
    "\t\t\t2021_PG_8546\tSocial NET\t\t\t\n"
    "\t\t\t2021_PG_8547\tProgetti finanziati e partecipazione a Bandi regionali, nazionali, europei, di fondazioni\t\t\t\n"
    "\t\t\t2021_PG_8917\tDiritto di parola, integrazione linguistica e multilinguismo\t39.000,00\t0,41 %\t\n"
    "\t\t\t\t\tTotale Azione\t248.367,04\t2,64 %\n"
    "\t\t\t\t\tTotale Obiettivo\t248.367,04\t\n"
    "\t\tTotale Indirizzo\t248.367,04\t\t\t\t\n"
    "INNOVAZIONE IN COMUNE\tAnticorruzione e trasparenza\tTrasparenza e controlli nell'Ente\t2021_PD_85PA\tAnticorruzione\t\t\t\n"
    "\t\t\t2021_PD_85PT\tTrasparenza\t\t\t\n"
    "\t\t\t\t\tTotale Azione\t\t\n"
    "\t\t\t\t\tTotale Obiettivo\t\t\n"
    "\tFunzionamento dell'ente\tOrganizzazione del personale\t2021_PG_85SW\tSmart working\t\t\t\n"
    "\t\t\t\t\tTotale Azione\t\t\n"
    "\t\t\t\t\tTotale Obiettivo\t\t\n"
    "\tTecnologie per l'innovazione\tTecnologie per l'organizzazione e la semplificazione\t2021_PD_85TD\tGovernare la Trasformazione digitale\t\t\t\n"
    "\t\t\t\t\tTotale Azione\t\t\n"
    "\t\tTutela dei dati personali\t2021_PD_85PR\tPrivacy\t\t\t\n"
    "\t\t\t\t\tTotale Azione\t\t\n"
    "\t\t\t\t\tTotale Obiettivo\t\t\n"
    "\t\t\tTotale Indirizzo\t\t\t\t\n"
    "\t\tTotale CDR\t9.422.128,07\t100,00 %\t\t\t\n"
    "\n"
    "Prodotto\n"
)

# CDR 87 summary table: rows shifted right (1544-1548), Totale rows in varying columns,
# a context starting on project rows (1565, 1568, 1570).
CDR_87_TABLE = (
    # lines 1519-1574
    "87 - SERVIZIO SERVIZI SOCIALI\n"
    "\n"
    "Dirigente: Corradini Germana\n"
    "\n"
    "Indirizzo\tObiettivo\tAzione\tCodice Progetto\tProgetto\tBudget\t% di assorbimento risorse finanziarie\t\t\n"
    "CITTA' DEL CAPITALE SOCIALE\tCittà senza barriere\tServizi e strutture senza ostacoli\t2021_PD_8729\tServizi per la domiciliarità disabili\t500.000,00\t5,40 %\t\t\n"
    "\t\t\tTotale Azione\t\t500.000,00\t5,40 %\t\t\n"
    "\t\t\tTotale Obiettivo\t\t500.000,00\t\t\t\n"
    "\tSanità e Welfare\tHousing sociale\t\t2021_PD_8722\tGestione interventi di supporto alle problematiche abitative\t550.000,00\t5,93 %\t\n"
    "\t\t\t\tTotale Azione\t\t550.000,00\t5,93 %\t\n"
    "\t\t\t\tTotale Obiettivo\t\t\t\t\n"
    "\t\tInclusione attiva e misure di contrasto alla povertà e alla marginalità\t\t\t2021_PD_8725\tServizi di prossimità ambito giovani e prevenzione del disagio\t600.221,90\t6,48 %\n"
    "\t\t\t\t\t2021_PD_8731\tWelfare con la comunità\t20.000,00\t0,22 %\n"
    "\t\t\t\t\t2021_PD_8745\tPercorsi per l'integrazione\t0,00\t0,00 %\n"
    "\t\t\t\t\t2021_PD_8931\tRete della distribuzione alimentare\t15.000,00\t0,16 %\n"
    '\t\t\t\t\t2021_PG_8748\tProgetto giovani "CHANCE"\t\t\n'
    '\t\t\t\t\t2021_PG_8750\tProgetto "PROSSIMO WELFARE"\t\t\n'
    "\t\t\t\t\tTotale Azione\t\t635.221,90\t6,85 %\n"
    "\t\t\t\t\tTotale Obiettivo\t\t\t\n"
    "\t\tPolitiche familiari\t\t\t2021_PD_8721\tFunzionamento sportelli di accesso ai servizi\t30.000,00\t0,32 %\n"
    "\t\t\t\t\t2021_PD_8724\tFunzioni di servizio sociale professionale per il sostegno e l'accompagnamento delle famiglie\t501.591,90\t5,41 %\n"
    "\t\t\t\t\t2021_PD_8728\tServizi per la domiciliarità famiglie con minori\t1.020.000,00\t11,01 %\n"
    "\t\t\t\t\t2021_PD_8730\tServizi per la domiciliarità anziani\t0,00\t0,00 %\n"
    "\t\t\t\t\t2021_PD_8732\tFunzioni di tutela per minori\t\t\n"
    "\t\t\t\t\t2021_PD_8733\tServizi per residenzialità minori\t\t\n"
    "\t2021_PD_8734\t\t\t\tServizi per la residenzialità disabili\t\t\t\n"
    "\t2021_PD_8735\t\t\t\tServizi per la residenzialità anziani\t1.920.000,00\t20,72 %\t\n"
    "\t2021_PD_8744\t\t\t\tMisure di contrasto alla povertà\t\t\t\n"
    "\t2021_PG_8737\t\t\t\tHome Care Premium\t110.000,00\t1,19 %\t\n"
    "\t2021_PG_8747\t\t\t\tMISURE A SOSTEGNO EMERGENZA DA COVID-19\t985.546,94\t10,63 %\t\n"
    "\tTotale Azione\t\t\t\t4.567.138,84\t49,28 %\t\t\n"
    "\tTotale Obiettivo\t\t5.752.360,74\t67,72 %\t\t\t\t\n"
    "Totale Indirizzo\t\t6.252.360,74\t67,72 %\t\t\t\t\t\n"
    "\n"
    "CITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA\tDiritti delle persone\tPari opportunità\t2021_PD_A203\tViolenza di genere\t402.343,37\t4,34 %\t\t\n"
    "\t\t\t\t\tTotale Azione\t402.343,37\t4,34 %\t\n"
    "\t\tPromozione delle diversità culturali\t2021_PD_8910\tGestione dei percorsi SIPROIMI e Minori Stranieri Non Accompagnati (MSNA): progettazioni dedicate alla programmazione e gestione dell'accoglienza dei titolari di protezione internazionale e Minori Stranieri Non Accompagnati\t1.455.648,22\t15,71 %\t\t\n"
    "\t\t\t2021_PD_8944\tContrasto della grave emarginazione adulta e la condizione dei senza dimora\t848.129,59\t9,15 %\t\t\n"
    '\t\t\t2021_PG_8749\tProgetto "REGGIANE OFF"\t\t\t\t\n'
    "\t\t\t2021_PG_8942\tFAMI INTARSI Azione in rete per una comunità accogliente\t308.991,34\t3,33 %\t\t\n"
    "\t\t\t\t\t\tTotale Azione\t2.612.769,15\t28,19 %\n"
    "\t\t\t\t\t\tTotale Obiettivo\t3.015.112,52\t32,28 %\n"
    "\t\t\t\t\t\tTotale Indirizzo\t3.015.112,52\t32,28 %\n"
    "\t\tINNOVAZIONE IN COMUNE\tAnticorruzione e trasparenza\tTrasparenza e controlli nell'Ente\t2021_PD_87PA\tAnticorruzione\t\t\n"
    "2021_PD_87PT\tTrasparenza\t\t\t\t\t\t\t\n"
    "\t\t\t\t\tTotale Azione\t\t\t\n"
    "Funzionamento dell'ente\tOrganizzazione del personale\t\t2021_PG_87SW\tSmart working\t\t\t\t\n"
    "\t\t\t\t\t\tTotale Azione\t\t\n"
    "\t\t\t\t\t\tTotale Obiettivo\t\t\n"
    "Tecnologie per l'innovazione\tTecnologie per l'organizzazione e la semplificazione\t\t2021_PD_87TD\tGovernare la Trasformazione digitale\t\t\t\t\n"
    "\t\t\t\t\t\tTotale Azione\t\t\n"
    "\tTutela dei dati personali\t\t2021_PD_87PR\tPrivacy\t\t\t\t\n"
    "\t\t\t\t\t\tTotale Azione\t\t\n"
    "\t\t\t\t\tTotale Obiettivo\t\t\t\n"
    "\t\t\tTotale Indirizzo\t\t\t\t\t\n"
    "\t\t\tTotale CDR\t9.267.473,26\t100,00 %\t\t\t\n"
)

# Sheet with strategic labels and values on separate lines and objective codes alone on
# their line (title on the next line).
SHEET_8906 = (
    # lines 76-79
    "Prodotto\n"
    "\n"
    "Dirigente: Benedetti Lorenza\n"
    "\n"
    # lines 693-753
    "2021_PD_8906\n"
    "\n"
    "Area penale interna ed esterna\n"
    "\n"
    "Descrizione\n"
    "\n"
    "Interventi rivolti alle persone sottoposte a limitazioni della libertà personale, promossi dai comuni sede di carcere.\n"
    "\n"
    "Indirizzo Strategico di riferimento\n"
    "\n"
    "Indirizzo\n"
    "\n"
    "CITTA' DEL CAPITALE SOCIALE\n"
    "\n"
    "Obiettivo Strategico\n"
    "\n"
    "Sanità e Welfare\n"
    "\n"
    "Azione\n"
    "\n"
    "Inclusione attiva e misure di contrasto alla povertà e alla marginalità\n"
    "\n"
    "Obiettivo gestionale ordinario\n"
    "\n"
    "2021_OB_8906_1\n"
    "\n"
    "Progettazioni con gli istituti penitenziari IIPP per migliorare la qualità della vita dei detenuti\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "O_8906_1_1\tColloqui allo sportello informativo detenuti\t350\n"
    "\tNota:\t\n"
    "O_8906_1_2\tDetenuti incontrati dallo sportello sul totale della popolazione carceraria (dato al 31.12) : % > di\t30\n"
    "\tNota:\t\n"
    "O_8906_1_3\tAttività realizzate all'interno del carcere (n.)\t3\n"
    "\tNota: attività sportiva, musicale, teatrale, di volontariato Senza confini. (attività sportiva, musicale, teatrale, di volontariato Senza confini)\t\n"
    "\n"
    "Obiettivo di miglioramento\n"
    "\n"
    "2021_OB_8906_2\n"
    "\n"
    "Progettazione con UDEPE di percorsi di sostegno delle persone in esecuzione penale esterna\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8906_2_1\tPersone con erogazione di contributo economico a sostegno del reddito\t5\n"
    "\tNota:\t\n"
    "M_8906_2_2\tNumero beneficiari inseriti nei percorsi di volontariato con DarVoce: > di\t10\n"
    "\tNota:\t\n"
    "\n"
    "Obiettivo di miglioramento\n"
    "\n"
    "2021_OB_8906_3\n"
    "\n"
    "Progettazione integrata\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8906_3_1\tCostituzione di equipe penale territoriale\t31/12/2021\n"
    "\tNota:\t\n"
    "M_8906_3_2\tNumero progettazioni dimittendi con interventi di sostegno\t10\n"
    "\tNota: Accompagnamento socio-economico nella prima fase di uscita dal carcere\t\n"
    "M_8906_3_3\tEsecuzione penale adulti: N. percorsi di partecipazione ai tavoli di coordinamento territoriali dei percorsi di formazione professionale finanziati dalla Regione tramite FSE\t4\n"
    "\tNota:\t\n"
)

# Sheet whose title is glued to the code and to the strategic heading with **; budget block
# with only a Spese Investimenti column.
SHEET_Z23101 = (
    # lines 1503-1518
    "\n"
    "Z_23101**Intervento di Ristrutturazione Casa di riposo O. Parisetti (ASP)****Indirizzo Strategico di riferimento**\n"
    "\n"
    "Indirizzo CITTA' DEL CAPITALE SOCIALE\n"
    "Obiettivo Strategico Sanità e Welfare\n"
    "Azione Politiche familiari\n"
    "\n"
    "Budget previsto\n"
    "\n"
    "\t\tSpese Investimenti\n"
    "Cap. 40086 Art. 02\tCONTRIBUTI IN C/IMPIANTI AD AS P PER INTERVENTO SU OMOZZOLI P ARISETTI (fin mezzi propri)\t300.000,00\n"
    "Totale\t\t300.000,00\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Benedetti Lorenza\tDirigente\t0,50 %\n"
    "\n"
)

# Sheet with tab-separated strategic labels, objective type glued to code with **, an
# indicator header repeated after a page break and a single-column budget block.
SHEET_8721 = (
    # lines 1576-1600
    "Prodotto\n"
    "\n"
    "Dirigente: Corradini Germana\n"
    "\n"
    "2021_PD_8721\n"
    "\n"
    "Funzionamento sportelli di accesso ai servizi\n"
    "\n"
    "Descrizione\n"
    "\n"
    "Informazione e orientamento ai cittadini sul sistema dei servizi e sulle procedure di accesso, con particolare riferimento alle fasce più deboli; segretariato servizi sociali per presa in carico, brevi percorsi di accompagnamento/sostegno a famiglie con buone autonomie, promozione e divulgazione, progettazione territoriale e stesura protocolli, intese, accordi, collaborazioni con gli attori sociali del territorio. Connessione con i punti informativi del territorio dedicati ai vari target. Aggiornamento mappatura risorse territoriali.\n"
    "\n"
    "Indirizzo Strategico di riferimento\n"
    "\n"
    "Indirizzo\tCITTA' DEL CAPITALE SOCIALE\n"
    "Obiettivo Strategico\tSanità e Welfare\n"
    "Azione\tPolitiche familiari\n"
    "\n"
    "Obiettivo gestionale ordinario**2021_OB_8721_1 Funzioni di Sportello**\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "O_8721_1_1\tSportello Sociale: Utenti in accoglienza\t2400\n"
    "\tNota:\t\n"
    "O_8721_1_2\tSportello Sociale: Contatti in accoglienza\t2700\n"
    "\tNota:\t\n"
    # lines 1614-1632
    "Obiettivo di miglioramento**2021_OB_8721_3 Connessione dell'Ufficio Informazione Stranieri con le équipes**\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8721_3_1\tAvvio del nuovo progetto in seguito a gara entro il\t30/06/2021\n"
    "\tNota:\t\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8721_3_2\tSituazioni trattate in coprogettazione con le équipes\t200\n"
    "\tNota:\t\n"
    "\n"
    "Budget previsto\n"
    "\n"
    "\t\tSpese Correnti\n"
    "Cap. 31416 Art. 00\tSPESA PER LA GESTIONE DI STRUTTURE E SERVIZI PER ACCOGLIENZA AGLI IMMIGRATI INDIGENTI ED INABILI\t30.000,00\n"
    "Totale\t\t30.000,00\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Corradini Germana\tDirigente\t3,00 %\n"
    "Bonazzi Chiara\tPosizione Organizzativa\t5,00 %\n"
)

# Sheet 8501: indicator header repeated after a markdown separator (133-135) and a budget
# block with a blank line inside (173) and two columns.
SHEET_8501 = (
    # lines 80-82
    "2021_PD_8501\n"
    "\n"
    "Programmazione sociale e socio-sanitaria nella zona sociale di Reggio Emilia (Distretto).\n"
    # lines 128-139
    "Obiettivo di miglioramento\n"
    "\n"
    "2021_OB_8501_3 Presidio dell'integrazione socio-sanitaria nell'ambito del Piano di Zona per la salute e il benessere sociale 2018-2020 attraverso la co-progettazione di strumenti di valutazione integrata (es. UVM, IVH)\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "-------------------\t------------\t----------------------\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8501_3_1\tDispositivi e luoghi istituzionali a supporto delle azioni di governance\t36\n"
    "\tNota: Uffici di piano, Comitati scientifici, tecnici, uffici di supporto, staff direzione disabili o altre aree\t\n"
    "M_8501_3_3\tSperimentazione di strumenti e rimodulazione servizi per l'integrazione socio-sanitaria (n. servizi)\t5\n"
    "\tNota: Sad intensivo, adulti fragili, socio-occupazionale, riprogettazione servizi demenza, ridefinizione mission Centro Famiglie in coerenza col mandato regionale\t\n"
    # lines 163-190
    "Budget previsto\n"
    "\n"
    "\t\tEntrate Correnti\tSpese Correnti\n"
    "Cap. 03641 Art. 00\tCONCORSO REGIONALE ALLA COSTITUZIONE DEL F.S.L.-QUOTA DA TRASFERIRE AI COMUNI DELLA ZONA SOCIALE E ALL'AUSL === VEGG. CAP/U 30852===\t605.218,23\t\n"
    "Cap. 03641 Art. 01\tCONCORSO REGIONALE ALLA COSTITUZIONE DEL FSL QUOTA FINALIZZATA COMUNE DI R.E. ==VEGG. CAP. U/22579 - 30857/1/2/3 - 31451 /1 - 31292 - 31412 - 31419 - 3\t140.033,52\t\n"
    "Cap. 03641 Art. 02\tCONCORSO REGIONALE ALLA COSTITUZIONE DEL FONDO SOCIALE LOCAL E QUOTA NON FINALIZZATA COMUNE\t1.624.625,57\t\n"
    "Cap. 08862 Art. 00\tCOMPARTICIPAZIONE A.U.S.L.ALLE SPESE DI FUNZIONAMENTO DEL NUOVO UFFICIO DI PIANO\t84.000,00\t\n"
    "Cap. 30852 Art. 00\tTRASFERIMENTO AI COMUNI DELLA ZONA SOCIALE E ALL'AUSL DELLA QUOTA DI COMPETENZA DEL F.S.L. FINANZIATO DALLA REGIONE E.R. === VEGG. CAP/E 3641 ===\t\t605.218,23\n"
    "Cap. 30857 Art. 01\tASSUNZIONE PERSONALE PER PROMOZIONE E SVILUPPO UFFICIO DI PIANO FINANZIATA DALLA REGIONE. COMPETENZE LOCALI QUOTA FSL == VEGG. CAP. 3641/1 ==\t\t67.082,86\n"
    "Cap. 30857 Art. 02\tASSUNZIONE PERSONALE PER PROMOZIONE E SVILUPPO UFFICIO DI PIANO FINANZIATA DALLA REGIONE. CONTRIBUTI ENTE-QUOTA FSL ==VEGG. CAP. E/3641/1 ==\t\t22.777,30\n"
    "\n"
    "Cap. 30857 Art. 03\tIMPOSTE E TASSE A CARICO ENTE PER PERSONALE PER PROMO ZIONE E SVILUPPO UFFICIO DI PIANO F INANZIATA DALLA REGIO NE. CON TRIBUTI ENTE-QUOTA FSL ==VE\t\t5.214,79\n"
    "Cap. 31423 Art. 00\tPRESTAZIONI DI SERVIZIO FINANZ IATE DA REGIONE PROGRAMMA FIN ALIZZATO SPESE COVID COMUNITA' MINORI = =VEGG.CAP/E 3641/1==\t\t21.088,32\n"
    "Cap. 31425 Art. 00\tPRESTAZIONE DI SERVIZIO FINANZ IATI DA REGIONE EMILIA ROMAGNA PROGRAMMA FINALIZZATO CONTRAS TO RITIRO SOCIALE ADOLESCENTI E PRE ADOLESCENTI\t\t62.945,20\n"
    "Totale\t\t2.453.877,32\t784.326,70\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Benedetti Lorenza\tDirigente\t2,00 %\n"
    "Venturi Lorella\tPosizione Organizzativa\t7,00 %\n"
    "Bagnacani Cristina\tDipendente a tempo indeterminato/determinato\t100,00 %\n"
    "Beltrami Monica\tDipendente a tempo indeterminato/determinato\t85,00 %\n"
    "Pezzi Tiziana\tDipendente a tempo indeterminato/determinato\t7,00 %\n"
    "Picardi Esmeralda\tDipendente a tempo indeterminato/determinato\t30,00 %\n"
    "Rinaldi Alice\tDipendente a tempo indeterminato/determinato\t60,00 %\n"
    "Sarati Germana\tDipendente a tempo indeterminato/determinato\t50,00 %\n"
    "Scrittore Daniela\tDipendente a tempo indeterminato/determinato\t5,00 %\n"
    "Sironi Luisa\tIncarico professionale\t45,00 %\n"
    "\n"
)

# Nota line arriving after a repeated indicator header (226-227).
SHEET_8504_NOTE_AFTER_HEADER = (
    # lines 191-193
    "2021_PD_8504\n"
    "\n"
    "Promozione e qualificazione Politiche familiari per minori e adolescenti\n"
    # lines 219-229
    "Obiettivo di miglioramento\n"
    "\n"
    "2021_OB_8504_5 Programmazione socio-sanitaria del Tavolo adolescenza in ottemperanza della Legge regionale 14/2008 con Ausl, Officina educativa insieme a scuole ed enti gestori\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8504_5_1\tn. enti gestori incontrati\t14\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "\tNota: coop Accento, A.p.s Amici di Gancio, Fondazione Mondinsieme, Giro del cielo, Coop. Papa Giovanni XXIII, Lilt, Ass. Prodigio, Cps, Ceis, Ausl, Reggiana Educatori, Rappresentante scuola Dirigente Istituto Motti, Oratorio Don Bosco, Aps Icaro I Care\t\n"
    "M_8504_5_2\tproduzione di una relazione annuale su tavolo adolescenza\t31/07/2021\n"
    "\tNota:\t\n"
)

# Objective type glued to the code with **, title wrapped onto the next line.
OBJECTIVE_85PR_3 = (
    # lines 448-450
    "2021_PD_85PR\n"
    "\n"
    "Privacy\n"
    # lines 474-487
    "Obiettivo di miglioramento\n"
    "\n"
    "2021_OB_85PR_2 **Revisione e adeguamento delle informative sul trattamento dei dati personali dell'Ente**\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_85PR_2_1\tMappatura e aggiornamento delle informative sul trattamento dei dati personali specifiche del Servizio con il supporto dell'Ufficio privacy\t31/12/2021\n"
    "\tNota:\t\n"
    "\n"
    "Obiettivo di miglioramento**2021_OB_85PR_3 Attuazione del principio di limitazione della conservazione\n"
    "(Art.5 comma 1, e) del Regolamento europeo 679/2016)**\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_85PR_3_1\tAnalisi dei tempi di conservazione dei dati personali mappati nel Registro dei trattamenti del Servizio con il supporto dell'Ufficio privacy\t31/12/2021\n"
    "\tNota:\t\n"
)

# Objective title inside ** ** wrapped over three lines.
OBJECTIVE_8728_3 = (
    # lines 1896-1898
    "2021_PD_8728\n"
    "\n"
    "Servizi per la domiciliarità famiglie con minori\n"
    # lines 1932-1940
    "Obiettivo di miglioramento\n"
    "\n"
    "2021_OB_8728_3 **Partecipazione al programma PIPPI 9 della Regione ER\n"
    "interventi a sostegno delle famiglie vulnerabili per prevenire\n"
    "l'istituzionalizzazione dei bambini**\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8728_3_1\tPresenza in carico delle famiglie target\t5\n"
    "\tNota:\t\n"
)

# Objective type, code and title glued with ** **.
OBJECTIVE_8903_1 = (
    # lines 930-932
    "2021_PD_8903\n"
    "\n"
    "DTutti, promozione delle diversità culturali\n"
    # lines 956-960
    "Obiettivo di miglioramento**2021_OB_8903_1** **Costruire azioni e progetti integrati finalizzati ad aumentare le conoscenze sul fenomeno migratorio**\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8903_1_1\tNumero di progettualità condivise con altri Enti appartenenti alla Rete del Dialogo Interculturale\t5\n"
    "\tNota:\t\n"
)

# Phase table with a Nota whose text sits in the second cell (1381).
SHEET_8546_PHASES = (
    # lines 1341-1343
    "2021_PG_8546\n"
    "\n"
    "Social NET\n"
    # lines 1377-1385
    "Fasi/Attività\n"
    "\n"
    "Ordine Fase\tCod. Obiettivo\tDescrizione Fase\t\tInizio\tFine\n"
    '1\t2021_OB_8546_1\tDefinizione e valorizzazione di un "ecosistema locale resiliente"\tPrevisto\t01/01/2021\t31/12/2021\n'
    "Nota:\tIndividuare servizi innovativi e risposte alle sfide sociali connesse ad aree e persone vulnerabili e incrementare il potenziale di sviluppo sociale economico dei gruppi svantaggiati e più vulnerabili delle società\t\t\t\t\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Benedetti Lorenza\tDirigente\t0,50 %\n"
    "Mattioli Francesca\tIncarico professionale\t20,00 %\n"
)

# Budget block with three columns (Entrate Correnti, Spese Correnti, Spese Investimenti).
SHEET_8716_BUDGET = (
    # lines 571-573
    "2021_PD_8716\n"
    "\n"
    "Azioni di governance nei confronti delle partecipate\n"
    # lines 615-643
    "Fasi/Attività\n"
    "\n"
    "Ordine Fase\tCod. Obiettivo\tDescrizione Fase\t\tInizio\tFine\n"
    "1\t2021_OB_8716_3\tCostituzione task force Comune-ASP\tPrevisto\t01/02/2021\t30/05/2021\n"
    "Nota:\t\t\t\t\t\n"
    "\n"
    "Budget previsto\n"
    "\n"
    "\t\tEntrate Correnti\tSpese Correnti\tSpese Investimenti\n"
    "Cap. 03493 Art. 00\tCANONE DI CONCESSIONE AMMINISTRATIVA FABBRICATI CENTRI DIURNI A SOGGETTI ACCREDITATI= VEGG . CAP. U 32326 =\t227.933,00\t\t\n"
    "Cap. 03676 Art. 00\tDONAZIONI DA PRIVATI PER INTERVENTI IN AMBITO COVID-19 (STA NZA DEGLI ABBRACCI) ==VEGG.CAP U 31676 ==\t20.000,00\t\t\n"
    "Cap. 31504 Art. 00\tCORRISPETTIVO PER GESTIONE SERVIZI SOCIALI F.C.R.\t\t1.583.000,00\t\n"
    "Cap. 31507 Art. 00\tCORRISPETTIVO PER GESTIONE SERVIZI SOCIALI F.C.R. - QUOTA IN FOGIOVANI/ATTIVITA' DIDATTICHE == VEGG. CAP/E 3527==\t\t12.000,00\t\n"
    "Cap. 31516 Art. 00\tCORRISPETTIVO PER GESTIONE ASP REGGIO EMILIA CITTA' DELLE PE RSONE\t\t2.368.000,00\t\n"
    "Cap. 31517 Art. 00\tCANONE DI CONCESSIONE DI IMMOB ILE DI PROPRIETA' ASP\t\t35.000,00\t\n"
    "Cap. 31676 Art. 00\tTRASFERIMENTI A PARTECIPATE PER ATTIVITA' IN EMERGENZA COVID FINANZIATI DA DONAZIONI (STANZA ABBRACCI) === VEGG . CAP. E 3676 ===\t\t20.000,00\t\n"
    "Cap. 32326 Art. 00\tCONTRIBUTI CORRELATI ALLA CONCESSIONE FABBRICATI CENTRI DIU RNI A SOGGETTI ACCREDITATI = V EGG. CAP/E 3493 =\t\t227.933,00\t\n"
    "Cap. 40086 Art. 02\tCONTRIBUTI IN C/IMPIANTI AD ASP PER INTERVENTO SU OMOZZOLI PARISSETTI (fin mezzi propri)\t\t\t300.000,00\n"
    "Totale\t\t247.933,00\t4.245.933,00\t300.000,00\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Benedetti Lorenza\tDirigente\t4,00 %\n"
    "Venturi Lorella\tPosizione Organizzativa\t3,00 %\n"
    "Beltrami Monica\tDipendente a tempo indeterminato/determinato\t5,00 %\n"
    "Magnani Sara\tDipendente a tempo indeterminato/determinato\t20,00 %\n"
    "Rinaldi Alice\tDipendente a tempo indeterminato/determinato\t10,00 %\n"
    "Scrittore Daniela\tDipendente a tempo indeterminato/determinato\t5,00 %\n"
    "Sironi Luisa\tIncarico professionale\t8,00 %\n"
    "\n"
)

# Budget Totale row missing its first empty cell (2707), followed by a markdown separator.
SHEET_8944_SHIFTED_TOTAL = (
    # lines 2653-2655
    "2021_PD_8944\n"
    "\n"
    "Contrasto della grave emarginazione adulta e la condizione dei senza dimora\n"
    # lines 2689-2716
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_8944_3_3\tN. monitoraggi degli indicatori di attività delle offerte tecniche di gara\t2\n"
    "\tNota:\t\n"
    "\n"
    "Budget previsto\n"
    "\n"
    "\t\tEntrate Correnti\tSpese Correnti\n"
    "Cap. 03651 Art. 00\tTRASFERIMENTI DA REGIONE PER FONDO POVERTA' - QUOTA SENZA FISSA DIMORA ==VEGG.CAP/U 318 83 - 31890 ==\t140.000,00\t\n"
    "Cap. 03663 Art. 00\tCONTRIBUTO DA REGIONE EMILIA ROMAGNA PROGRAMMA FINALIZZATO CONTRASTO GRAVE EMARGINAZIONE ADULTA ==VEGG.CAP/U 31896==\t76.976,51\t\n"
    "Cap. 04010 Art. 00\tCONTRIBUTO DA AZIENDA A.U.S.L. PER INTERVENTI NEL CAMPO SOCIO -ASSISTENZIALE. ==VEGG . CAP/U 31421==\t50.000,00\t\n"
    "Cap. 29850 Art. 00\tTRASFERIMENTI PER COMPARTICIPAZIONE COMUNALE A SPESA SOCIAL E AUSL\t\t120.000,00\n"
    "Cap. 31218 Art. 00\tCONTRIBUTI DI BENEFICENZA AD ENTI MORALI E ALTRI ENTI\t\t70.000,00\n"
    "Cap. 31416 Art. 00\tSPESA PER LA GESTIONE DI STRUTTURE E SERVIZI PER ACCOGLIENZA AGLI IMMIGRATI INDIGENTI ED INABILI\t\t100.000,00\n"
    "Cap. 31420 Art. 00\tATTIVITA' DI PREVENZIONE AL DISAGIO\t\t213.778,10\n"
    "Cap. 31421 Art. 00\tPRESTAZ. DI SERVIZI PER INTERVENTI SOCIO-ASSISTENZ. FINANZIATI DA ENTI PUBBLICI == VEGG . CAP./E 4010 ==\t\t50.000,00\n"
    "Cap. 31883 Art. 00\tPRESTAZIONE DI SERVIZIO FINANZIATI DA FONDO POVERTA' - QUOTA SENZA FISSA DIMORA ==VEGG.CAP/E 3651==\t\t217.374,98\n"
    "Cap. 31896 Art. 00\tPRESTAZIONI DI SERVIZIO FINANZIATE DA REGIONE EMILIA ROMAGNA PROGRAMMA FINALIZZATO CONTRASTO GRAVE EMARGINAZIONE ADULTA ==VEGG. CAP. E/3663==\t\t76.976,51\n"
    "\n"
    "Totale\t266.976,51\t848.129,59\n"
    "---------------\t-------------------\t-------------------\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Corradini Germana\tDirigente\t3,00 %\n"
    "Margini Alessandra\tPosizione Organizzativa\t14,00 %\n"
    "Venturi Lorella\tPosizione Organizzativa\t15,00 %\n"
    "Caporusso Michela\tDipendente a tempo indeterminato/determinato\t20,00 %\n"
    "Reverberi Chiara\tDipendente a tempo indeterminato/determinato\t1,00 %\n"
    "\n"
)

# Budget block without its 'Budget previsto' title (header at 1204).
SHEET_8523_NO_TITLE = (
    # lines 1150-1152
    "2021_PG_8523\n"
    "\n"
    "Patto di contrasto alle nuove povertà\n"
    # lines 1198-1226
    "Fasi/Attività\n"
    "\n"
    "Ordine Fase\tCod. Obiettivo\tDescrizione Fase\t\tInizio\tFine\n"
    "1\t2021_OB_8523_1\tCo-progettazione del piano di comunicazione\tPrevisto\t01/01/2021\t31/05/2021\n"
    "Nota:\t\t\t\t\t\n"
    "\n"
    "\t\tEntrate Correnti\tSpese Correnti\n"
    "Cap. 03439 Art. 00\tTRASFERIMENTI DA MINISTERO PER ATTUAZIONE PON INCLUSIONE PER SIA (SISTEMA INCLUSIONE ATTIV A) == VEGG. CAP. U 30825-3082 6-30827/1/2/3 ==\t13.379,13\t\n"
    "Cap. 03443 Art. 00\tTRASFERIMENTI DA MINISTERO PER FONDO POVERTA' == VEGG. CAP/ U 31884-31885-31889/1/2/3 ==\t1.560.000,00\t\n"
    "Cap. 03463 Art. 00\tTRASFERIMENTI DA MINISTERO PER ATTUAZIONE PON INCLUSIONE PaI S == VEGG. CAPP. U 30830-3083 1 ==\t199.003,00\t\n"
    "Cap. 03655 Art. 00\tTRASFERIMENTI DA REGIONE PER F ONDO POVERTA'. QUOTA CARE LEAV ERS==VEGG.CAP/U 31891-31892-31 893==\t183.976,00\t\n"
    "Cap. 30826 Art. 00\tTRASFERIMENTI A COMUNI PER GES TIONE PON SIA FINANZIATI DA MI NISTERO == VEGG. CAP.E/3439 ==\t\t13.379,13\n"
    "Cap. 30830 Art. 00\tPRESTAZIONI DI SERVIZIO PER GE STIONE PON INCLUSIONE PaIS FI NANZIATO DA MINISTERO == VEGG. CAP. E 3463==\t\t173.288,74\n"
    "Cap. 30831 Art. 00\tTRASFERIMENTI A UNIONI PER GES TIONE PON INCLUSIONE PaIS FINA NZIATI DA MINISTERO == VEGG. CAP.E/3463 ==\t\t48.317,14\n"
    "Cap. 31884 Art. 00\tPRESTAZIONE DI SERVIZIO FINANZ IATI DA FONDO POVERTA' STATALE ==VEGG. CAP/E 3443==\t\t693.144,80\n"
    "\n"
    "Cap. 31884 Art. 50\tAPPLICAZIONE QUOTA AVANZO VINC OLATO PER PRESTAZIONI DI SERVIZI FINANZIATE DA FONDO POVERTA' STATALE ==VEGG.CAP/E 3443==\t\t172.710,28\n"
    "Cap. 31885 Art. 00\tTRASFERIMENTO A COMUNI/UNIONI DISTRETTO QUOTA FONDO POVERTA' STATALE ==VEGG.CAP/E 3443==\t\t379.416,10\n"
    "Cap. 31889 Art. 01\tASSUNZIONE PERSONALE FINANZIATO DA FONDO POVERTA' STATALE. COMPETENZE LORDE == VEGG. CAP. 3443 ==\t\t412.823,53\n"
    "Cap. 31889 Art. 02\tASSUNZIONE PERSONALE FINANZIATO DA FONDO POVERTA' STATALE. C ONTRIBUTI ENTE ===VEDI CAP/E 3443===\t\t129.647,06\n"
    "Cap. 31889 Art. 03\tASSUNZIONE PERSONALE FINANZIATO DA FONDO POVERTA' STATALE - IRAP ===VE DI CAP/E 3443===\t\t37.529,41\n"
    "Cap. 31891 Art. 00\tPRESTAZIONE DI SERVIZIO FINANZIATI DA FONDO POVERTA' REGIONALE. QUOTA CARE LEAVERS==VEGG.C AP/E 3655==\t\t73.989,21\n"
    "Cap. 31892 Art. 00\tSUSSIDI FINANZIATI DA FONDO POVERTA' REGIONALE. QUOTA CARE LEAVERS ===VEDI CAP/E 3 655 =====\t\t43.994,71\n"
    "Cap. 31893 Art. 00\tTRASFERIMENTO COMUNI/UNIONI DI STRETTO QUOTA FONDO POVERTA'RE GIONALE. QUOTA CARE LEAVERS==VEGG.CAP/E 3655==\t\t65.992,07\n"
    "Totale\t\t1.956.358,13\t2.244.232,18\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Benedetti Lorenza\tDirigente\t2,00 %\n"
    "Mattioli Francesca\tIncarico professionale\t40,00 %\n"
)

# CDR A2 table, then the end of sheet 8723 (staff table) followed by an indicator of project
# A204 whose sheet header was lost in a page cut, and its staff table.
A2_ORPHAN_INDICATOR = (
    # lines 3096-3126
    "A2 - AREA SERVIZI ALLA PERSONA\n"
    "\n"
    "Dirigente: Benedetti Lorenza\n"
    "\n"
    "Indirizzo\tObiettivo\tAzione\tCodice Progetto\tProgetto\tBudget\t% di assorbimento risorse finanziarie\n"
    "CITTA' DEL CAPITALE SOCIALE\tSanità e Welfare\tInclusione attiva e misure di contrasto alla povertà e alla marginalità\t2021_PD_A207\tAttività formativa a supporto dell'ambito dei Servizi Sociali e della Programmazione del Welfare\t\t\n"
    "\t\t\tTotale Azione\t\t\t\n"
    "\t\tIntegrazione sociale e sociosanitaria\t2021_PD_8723\tAttività amministrativa\t\t\n"
    "\t\t\tTotale Azione\t\t\t\n"
    "\t\t\tTotale Obiettivo\t\t\t\n"
    "Totale Indirizzo\t\t\t\t\t\t\n"
    "CITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA\tScuola ed educazione\tInterventi e azioni a supporto del sistema educativo scolastico\t2021_PD_A204\tSistema informativo\t\t\n"
    "\t\t\tTotale Azione\t\t\t\n"
    "\t\t\tTotale Obiettivo\t\t\t\n"
    "\t\t\tTotale Indirizzo\t\t\t\n"
    "INNOVAZIONE IN COMUNE\tFunzionamento dell'ente\tPolitiche istituzionali\t2021_PD_A2CA\tCoordinamento dell'area\t\t\n"
    "\t\t\tTotale Azione\t\t\t\n"
    "\tTotale Obiettivo\t\t\t\t\t\n"
    "\tTecnologie per l'innovazione\tTecnologie per l'organizzazione e la semplificazione\t2021_PD_A205\tElaborazione dati e report di analisi a supporto della programmazione e della gestione\t\t\n"
    "\t\t\tTotale Azione\t\t\t\n"
    "Totale Obiettivo\t\t\t\t\t\t\n"
    "Totale Indirizzo\t\t\t\t\t\t\n"
    "Totale CDR\t\t\t\t\t\t\n"
    "\n"
    "Prodotto\n"
    "\n"
    "Dirigente: Benedetti Lorenza\n"
    "\n"
    "2021_PD_8723\n"
    "\n"
    "Attività amministrativa\n"
    # lines 3162-3165
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Benedetti Lorenza\tDirigente\t0,50 %\n"
    "Beltrami Monica\tDipendente a tempo indeterminato/determinato\t10,00 %\n"
    "Beneventi Giuseppe\tDipendente a tempo indeterminato/determinato\t100,00 %\n"
    # lines 3182-3192
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "M_A204_6_1\tEntro il\t31/12/2021\n"
    "\tNota:\t\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
    "Benedetti Lorenza\tDirigente\t0,50 %\n"
    "Bertocchi Romina\tDipendente a tempo indeterminato/determinato\t30,00 %\n"
    "Caggiati Barbara\tDipendente a tempo indeterminato/determinato\t50,00 %\n"
    "\n"
    "2021_PD_A205\n"
)

# End of a sheet: staff table header as the last line of the excerpt (no rows).
END_EMPTY_STAFF = (
    # lines 3255-3279
    "2021_PD_A2CA Coordinamento dell'area\n"
    "\n"
    "Indirizzo Strategico di riferimento\n"
    "\n"
    "Indirizzo INNOVAZIONE IN COMUNE\n"
    "Obiettivo Strategico Funzionamento dell'ente\n"
    "Azione Politiche istituzionali\n"
    "\n"
    "Obiettivo Prioritario\n"
    "\n"
    "2021_OB_A2CA_1 Coordinamento dell'area per supportare la realizzazione degli obiettivi strategici dell'amministrazione\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "P_A2CA_1_1\t% media di raggiungimento obiettivi prioritari assegnati ai dirigenti preposti alle strutture collocate nell'Area\t100\n"
    "\tNota:\t\n"
    "\n"
    "Obiettivo Prioritario\n"
    "\n"
    "2021_OB_A2CA_2 Coordinamento Centri di Responsabilità assegnati al Capo Area\n"
    "\n"
    "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    "P_A2CA_2_1\t% media di raggiungimento obiettivi prioritari assegnati al Capo Area\t100\n"
    "\tNota:\t\n"
    "\n"
    "Nome Soggetto\tRelazione Personale\tImpegno Personale\n"
)

# --- helpers ------------------------------------------------------------------------------


def run(text: str) -> ParseResult:
    return peg.parse(doc_from_text(text))


def line_of(text: str, starts: str, occurrence: int = 1) -> int:
    """1-based number of the ``occurrence``-th excerpt line starting with ``starts``."""
    seen = 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith(starts):
            seen += 1
            if seen == occurrence:
                return n
    raise AssertionError(f"{starts!r} not found")


def status(result: ParseResult, line_no: int) -> tuple[str, str]:
    st = result.ledger.status(line_no)
    assert st is not None, f"line {line_no} unclaimed"
    return st.status, st.detail


def unparsed(result: ParseResult) -> list[tuple[int, str, str]]:
    result.ledger.finalize()
    return [
        (r["line_no"], r["detail"], r["text"])
        for r in result.ledger.rows()
        if r["status"] == "unparsed"
    ]


def by(rows: list[dict], **where: object) -> list[dict]:
    return [r for r in rows if all(r.get(k) == v for k, v in where.items())]


def one(rows: list[dict], **where: object) -> dict:
    hits = by(rows, **where)
    assert len(hits) == 1, f"{len(hits)} rows for {where}"
    return hits[0]


D = Decimal


# --- front page and CDR summary tables ------------------------------------------------------


def test_front_page_gives_title_period_and_cdr_list() -> None:
    r = run(FRONT_AND_CDR_85)
    assert r.doc_title == "Piano Esecutivo di Gestione 2021"
    assert (r.period_start_year, r.period_end_year) == (2021, 2021)
    (doc,) = r.tables["peg_document"]
    assert doc["document_code"] == "PEG_2021"
    assert doc["allegato"] == "ALLEGATO B"
    assert doc["area"] == "AREA SERVIZI ALLA PERSONA"
    assert doc["elaboration_date_raw"] == "12/07/2021"
    assert doc["elaboration_date"] == "2021-07-12"
    cdr = {c["cdr_code"]: c for c in r.tables["peg_cdr"]}
    assert cdr["85"]["cdr_name"] == "SERVIZIO POLITICHE DI WELFARE E INTERCULTURA"
    assert cdr["85"]["dirigente_raw"] == "Benedetti Lorenza"
    assert cdr["85"]["year"] == 2021
    # 87 and A2 are only listed on the front page of this excerpt: kept, without a dirigente
    assert cdr["87"]["cdr_name"] == "SERVIZIO SERVIZI SOCIALI"
    assert cdr["87"]["dirigente_raw"] is None
    assert set(cdr) == {"85", "87", "A2"}
    assert unparsed(r) == []


def test_cdr_table_cells_found_by_content_despite_shifts_and_page_break() -> None:
    r = run(FRONT_AND_CDR_85)
    rows = r.tables["peg_cdr_rows"]
    # lines 30-74 minus the blank line 51: 44 rows, 25 of them projects
    assert len(rows) == 44
    assert [x["row_seq"] for x in rows] == list(range(1, 45))
    assert len(by(rows, row_kind="project")) == 25

    # line 34: a new Obiettivo + Azione start on a project row; Indirizzo carried down
    p = one(rows, project_code="2021_PD_8906")
    assert (p["indirizzo"], p["obiettivo_strategico"], p["azione"]) == (
        "CITTA' DEL CAPITALE SOCIALE",
        "Sanità e Welfare",
        "Inclusione attiva e misure di contrasto alla povertà e alla marginalità",
    )
    assert (p["budget_raw"], p["budget"]) == ("138.674,06", D("138674.06"))
    assert (p["absorption_raw"], p["absorption_pct"]) == ("1,47 %", D("1.47"))
    # line 39: only the Azione changes
    p = one(rows, project_code="2021_PD_8501")
    assert p["obiettivo_strategico"] == "Sanità e Welfare"
    assert p["azione"] == "Integrazione sociale e sociosanitaria"
    assert p["budget"] == D("784326.70")
    # line 50 starts at column 0 ("2021_PD_8903\tDTutti, ...\t\t\t\t5.300,00\t0,06 %")
    p = one(rows, project_code="2021_PD_8903")
    assert p["project_name"] == "DTutti, promozione delle diversità culturali"
    assert (p["budget"], p["absorption_pct"]) == (D("5300.00"), D("0.06"))
    assert p["indirizzo"] == "CITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA"
    assert p["azione"] == "Promozione delle diversità culturali"
    # line 52: the page break repeats the context; the row is read normally
    p = one(rows, project_code="2021_PG_8524")
    assert p["obiettivo_strategico"] == "Diritti delle persone"
    assert (p["budget"], p["absorption_pct"]) == (D("7567.04"), D("0.08"))
    # empty project rows are kept with null figures (line 53)
    p = one(rows, project_code="2021_PG_8544")
    assert (p["budget_raw"], p["budget"], p["absorption_pct"]) == (None, None, None)


def test_cdr_table_subtotals_kept_with_their_figures_and_context() -> None:
    rows = run(FRONT_AND_CDR_85).tables["peg_cdr_rows"]
    totals = [x for x in rows if x["row_kind"] != "project"]
    assert len(totals) == 19
    # line 38, Totale Azione in column 5
    t = by(rows, row_kind="totale_azione", budget=D("2747906.24"))[0]
    assert t["absorption_pct"] == D("29.16")
    assert t["azione"] == "Inclusione attiva e misure di contrasto alla povertà e alla marginalità"
    # line 48: Totale Indirizzo in column 3; line 60 in column 2 without a percentage
    ind = by(rows, row_kind="totale_indirizzo")
    assert [(x["indirizzo"], x["budget_raw"], x["absorption_raw"]) for x in ind] == [
        ("CITTA' DEL CAPITALE SOCIALE", "9.173.761,03", "100,00 %"),
        ("CITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA", "248.367,04", None),
        ("INNOVAZIONE IN COMUNE", None, None),
    ]
    assert all(x["obiettivo_strategico"] is None and x["azione"] is None for x in ind)
    # line 63: an empty Totale Azione closes "Trasparenza e controlli nell'Ente"
    t = by(rows, row_kind="totale_azione", azione="Trasparenza e controlli nell'Ente")[0]
    assert t["budget"] is None
    cdr_total = one(rows, row_kind="totale_cdr")
    assert (cdr_total["budget_raw"], cdr_total["budget"]) == ("9.422.128,07", D("9422128.07"))
    assert cdr_total["absorption_pct"] == D("100.00")
    assert cdr_total["indirizzo"] is None


def test_cdr_table_rows_shifted_right_and_totals_in_varying_columns() -> None:
    r = run(CDR_87_TABLE)
    rows = r.tables["peg_cdr_rows"]
    assert len(rows) == 50  # lines 1524-1574 minus the blank line 1552
    # lines 1544-1548: code in column 1, name in column 5
    p = one(rows, project_code="2021_PD_8735")
    assert p["project_name"] == "Servizi per la residenzialità anziani"
    assert (p["budget"], p["absorption_pct"]) == (D("1920000.00"), D("20.72"))
    assert p["azione"] == "Politiche familiari"
    p = one(rows, project_code="2021_PD_8734")
    assert (p["project_name"], p["budget"]) == ("Servizi per la residenzialità disabili", None)
    # zero budgets are figures, not empty cells (line 1532)
    assert one(rows, project_code="2021_PD_8745")["budget"] == D("0.00")
    # line 1550 Totale Obiettivo in column 1, line 1551 Totale Indirizzo in column 0
    t = by(rows, row_kind="totale_obiettivo", budget=D("5752360.74"))[0]
    assert t["absorption_pct"] == D("67.72")
    t = by(rows, row_kind="totale_indirizzo", indirizzo="CITTA' DEL CAPITALE SOCIALE")[0]
    assert (t["budget"], t["absorption_pct"]) == (D("6252360.74"), D("67.72"))
    # line 1563 starts at column 0 and carries the context of line 1562
    p = one(rows, project_code="2021_PD_87PT")
    assert p["azione"] == "Trasparenza e controlli nell'Ente"
    # line 1565: two context cells before the code are Obiettivo and Azione
    p = one(rows, project_code="2021_PG_87SW")
    assert (p["indirizzo"], p["obiettivo_strategico"], p["azione"]) == (
        "INNOVAZIONE IN COMUNE",
        "Funzionamento dell'ente",
        "Organizzazione del personale",
    )
    # line 1570: one context cell is the Azione
    p = one(rows, project_code="2021_PD_87PR")
    assert (p["obiettivo_strategico"], p["azione"]) == (
        "Tecnologie per l'innovazione",
        "Tutela dei dati personali",
    )
    assert one(rows, row_kind="totale_cdr")["budget"] == D("9267473.26")
    assert one(r.tables["peg_cdr"], cdr_code="87")["dirigente_raw"] == "Corradini Germana"
    assert unparsed(r) == []


# --- project sheets -------------------------------------------------------------------------


def test_sheet_with_labels_and_titles_on_separate_lines() -> None:
    r = run(SHEET_8906)
    (p,) = r.tables["peg_projects"]
    assert p["project_code"] == "2021_PD_8906"
    assert p["project_name"] == "Area penale interna ed esterna"
    assert p["dirigente_raw"] == "Benedetti Lorenza"
    assert p["description"].startswith("Interventi rivolti alle persone sottoposte")
    assert (p["indirizzo"], p["obiettivo_strategico"], p["azione"]) == (
        "CITTA' DEL CAPITALE SOCIALE",
        "Sanità e Welfare",
        "Inclusione attiva e misure di contrasto alla povertà e alla marginalità",
    )
    objs = r.tables["peg_objectives"]
    assert [(o["objective_code"], o["objective_type"]) for o in objs] == [
        ("2021_OB_8906_1", "gestionale ordinario"),
        ("2021_OB_8906_2", "miglioramento"),
        ("2021_OB_8906_3", "miglioramento"),
    ]
    assert objs[0]["title"] == (
        "Progettazioni con gli istituti penitenziari IIPP per migliorare la qualità della vita dei detenuti"
    )
    assert objs[2]["title"] == "Progettazione integrata"
    ind = r.tables["peg_indicators"]
    assert len(ind) == 8
    i = one(ind, indicator_code="O_8906_1_2")
    assert (i["objective_code"], i["target_raw"], i["year"]) == ("2021_OB_8906_1", "30", 2021)
    assert i["name"].startswith("Detenuti incontrati dallo sportello")
    i = one(ind, indicator_code="M_8906_3_2")
    assert i["note"] == "Accompagnamento socio-economico nella prima fase di uscita dal carcere"
    assert i["source_line_end"] == i["source_line"] + 1
    assert one(ind, indicator_code="M_8906_3_1")["note"] is None
    assert unparsed(r) == []


def test_sheet_title_glued_to_code_and_heading() -> None:
    r = run(SHEET_Z23101)
    (p,) = r.tables["peg_projects"]
    assert p["project_code"] == "Z_23101"
    assert p["project_name"] == "Intervento di Ristrutturazione Casa di riposo O. Parisetti (ASP)"
    assert p["description"] is None
    assert (p["indirizzo"], p["azione"]) == ("CITTA' DEL CAPITALE SOCIALE", "Politiche familiari")
    (line,) = r.tables["peg_budget_lines"]
    assert (line["capitolo"], line["articolo"]) == ("40086", "02")
    assert (line["column_name"], line["flow"], line["nature"]) == (
        "Spese Investimenti",
        "spesa",
        "investimento",
    )
    assert (line["amount_raw"], line["amount"]) == ("300.000,00", D("300000.00"))
    # the export's broken words are kept as written
    assert "AD AS P PER INTERVENTO SU OMOZZOLI P ARISETTI" in line["capitolo_description"]
    (total,) = r.tables["peg_budget_totals"]
    assert (total["column_name"], total["amount"]) == ("Spese Investimenti", D("300000.00"))
    (staff,) = r.tables["peg_staff"]
    assert (staff["person_name"], staff["relation"], staff["allocation_pct"]) == (
        "Benedetti Lorenza",
        "Dirigente",
        D("0.50"),
    )
    assert unparsed(r) == []


def test_sheet_tab_labels_glued_objective_type_and_repeated_indicator_header() -> None:
    r = run(SHEET_8721)
    (p,) = r.tables["peg_projects"]
    assert p["dirigente_raw"] == "Corradini Germana"
    assert (p["indirizzo"], p["obiettivo_strategico"], p["azione"]) == (
        "CITTA' DEL CAPITALE SOCIALE",
        "Sanità e Welfare",
        "Politiche familiari",
    )
    o = one(r.tables["peg_objectives"], objective_code="2021_OB_8721_1")
    assert (o["objective_type_raw"], o["objective_type"]) == (
        "Obiettivo gestionale ordinario",
        "gestionale ordinario",
    )
    assert o["title"] == "Funzioni di Sportello"
    ind = by(r.tables["peg_indicators"], objective_code="2021_OB_8721_3")
    assert [(i["indicator_code"], i["target_raw"]) for i in ind] == [
        ("M_8721_3_1", "30/06/2021"),
        ("M_8721_3_2", "200"),
    ]
    assert one(r.tables["peg_indicators"], indicator_code="O_8721_1_1")["target_raw"] == "2400"
    second_header = line_of(SHEET_8721, "Codice indicatore", 3)
    assert status(r, second_header) == ("boilerplate", "repeated_table_header")
    (line,) = r.tables["peg_budget_lines"]
    assert (line["capitolo"], line["column_name"], line["amount"]) == (
        "31416",
        "Spese Correnti",
        D("30000.00"),
    )
    assert len(r.tables["peg_staff"]) == 2
    assert unparsed(r) == []


def test_indicator_header_repeated_after_markdown_separator_and_budget_block() -> None:
    r = run(SHEET_8501)
    ind = by(r.tables["peg_indicators"], objective_code="2021_OB_8501_3")
    assert [i["indicator_code"] for i in ind] == ["M_8501_3_1", "M_8501_3_3"]
    assert ind[0]["target_raw"] == "36"
    sep = line_of(SHEET_8501, "-------------------")
    assert status(r, sep) == ("boilerplate", "markdown_separator")
    assert status(r, sep - 1) == ("mapped", "peg_indicators")
    assert status(r, sep + 2) == ("boilerplate", "repeated_table_header")

    lines = r.tables["peg_budget_lines"]
    assert len(lines) == 10  # source lines 166-176 (173 is blank): 4 entrate, 6 spese
    entrate = by(lines, column_name="Entrate Correnti")
    spese = by(lines, column_name="Spese Correnti")
    assert [x["capitolo"] + "/" + x["articolo"] for x in entrate] == [
        "03641/00",
        "03641/01",
        "03641/02",
        "08862/00",
    ]
    assert {x["flow"] for x in entrate} == {"entrata"} and {x["flow"] for x in spese} == {"spesa"}
    assert sum(x["amount"] for x in spese) == D("784326.70")
    assert sum(x["amount"] for x in entrate) == D("2453877.32")
    # line 174 comes after a blank line (page break) and keeps the block's columns
    x = one(lines, capitolo="30857", articolo="03")
    assert (x["column_name"], x["amount_raw"]) == ("Spese Correnti", "5.214,79")
    assert "PROMO ZIONE" in x["capitolo_description"]
    totals = {t["column_name"]: t["amount_raw"] for t in r.tables["peg_budget_totals"]}
    assert totals == {"Entrate Correnti": "2.453.877,32", "Spese Correnti": "784.326,70"}
    staff = r.tables["peg_staff"]
    assert len(staff) == 10
    assert one(staff, person_name="Sironi Luisa")["relation"] == "Incarico professionale"
    assert one(staff, person_name="Benedetti Lorenza")["allocation_raw"] == "2,00 %"
    assert unparsed(r) == []


def test_nota_after_repeated_header_belongs_to_indicator_above() -> None:
    r = run(SHEET_8504_NOTE_AFTER_HEADER)
    first = one(r.tables["peg_indicators"], indicator_code="M_8504_5_1")
    assert first["target_raw"] == "14"
    assert first["note"].startswith("coop Accento, A.p.s Amici di Gancio")
    nota_line = line_of(SHEET_8504_NOTE_AFTER_HEADER, "\tNota: coop Accento")
    assert (first["source_line"], first["source_line_end"]) == (nota_line - 3, nota_line)
    assert status(r, nota_line - 1) == ("boilerplate", "repeated_table_header")
    second = one(r.tables["peg_indicators"], indicator_code="M_8504_5_2")
    assert (second["target_raw"], second["note"]) == ("31/07/2021", None)
    assert unparsed(r) == []


@pytest.mark.parametrize(
    ("excerpt", "code", "type_raw", "title"),
    [
        (
            "OBJECTIVE_85PR_3",
            "2021_OB_85PR_3",
            "Obiettivo di miglioramento",
            "Attuazione del principio di limitazione della conservazione (Art.5 comma 1, e) del Regolamento europeo 679/2016)",
        ),
        (
            "OBJECTIVE_8728_3",
            "2021_OB_8728_3",
            "Obiettivo di miglioramento",
            "Partecipazione al programma PIPPI 9 della Regione ER interventi a sostegno delle famiglie vulnerabili per prevenire l'istituzionalizzazione dei bambini",
        ),
        (
            "OBJECTIVE_8903_1",
            "2021_OB_8903_1",
            "Obiettivo di miglioramento",
            "Costruire azioni e progetti integrati finalizzati ad aumentare le conoscenze sul fenomeno migratorio",
        ),
    ],
)
def test_objective_titles_glued_or_wrapped_in_markup(
    excerpt: str, code: str, type_raw: str, title: str
) -> None:
    r = run(globals()[excerpt])
    o = one(r.tables["peg_objectives"], objective_code=code)
    assert (o["objective_type_raw"], o["title"]) == (type_raw, title)
    assert o["project_code"] == "2021_PD_" + code.split("_")[2]
    assert by(r.tables["peg_indicators"], objective_code=code)
    assert unparsed(r) == []


def test_phase_rows_and_nota_text_in_second_cell() -> None:
    r = run(SHEET_8546_PHASES)
    (ph,) = r.tables["peg_phases"]
    assert ph["project_code"] == "2021_PG_8546"
    assert (ph["phase_order"], ph["objective_code"], ph["status"]) == (
        1,
        "2021_OB_8546_1",
        "Previsto",
    )
    assert ph["description"] == 'Definizione e valorizzazione di un "ecosistema locale resiliente"'
    assert (ph["start_date_raw"], ph["start_date"]) == ("01/01/2021", "2021-01-01")
    assert (ph["end_date_raw"], ph["end_date"]) == ("31/12/2021", "2021-12-31")
    assert ph["note"].startswith("Individuare servizi innovativi e risposte alle sfide sociali")
    assert ph["source_line_end"] == ph["source_line"] + 1
    assert unparsed(r) == []


def test_budget_block_with_three_columns() -> None:
    r = run(SHEET_8716_BUDGET)
    (ph,) = r.tables["peg_phases"]
    assert (ph["description"], ph["start_date"], ph["end_date"], ph["note"]) == (
        "Costituzione task force Comune-ASP",
        "2021-02-01",
        "2021-05-30",
        None,
    )
    lines = r.tables["peg_budget_lines"]
    assert len(lines) == 9
    inv = one(lines, column_name="Spese Investimenti")
    assert (inv["capitolo"], inv["articolo"], inv["amount"]) == ("40086", "02", D("300000.00"))
    assert (inv["flow"], inv["nature"]) == ("spesa", "investimento")
    assert one(lines, capitolo="31516")["amount"] == D("2368000.00")
    assert one(lines, capitolo="31516")["column_name"] == "Spese Correnti"
    assert one(lines, capitolo="03493")["column_name"] == "Entrate Correnti"
    totals = [(t["column_name"], t["amount_raw"]) for t in r.tables["peg_budget_totals"]]
    assert totals == [
        ("Entrate Correnti", "247.933,00"),
        ("Spese Correnti", "4.245.933,00"),
        ("Spese Investimenti", "300.000,00"),
    ]
    assert {t["block_seq"] for t in r.tables["peg_budget_totals"]} == {1}
    assert unparsed(r) == []


def test_budget_total_missing_first_cell_is_realigned() -> None:
    r = run(SHEET_8944_SHIFTED_TOTAL)
    totals = {t["column_name"]: t for t in r.tables["peg_budget_totals"]}
    # line 2707 "Totale\t266.976,51\t848.129,59" under the header "\t\tEntrate Correnti\tSpese Correnti"
    assert totals["Entrate Correnti"]["amount"] == D("266976.51")
    assert totals["Spese Correnti"]["amount"] == D("848129.59")
    assert all(t["shift_corrected"] for t in totals.values())
    lines = r.tables["peg_budget_lines"]
    assert sum(x["amount"] for x in by(lines, column_name="Spese Correnti")) == D("848129.59")
    sep = line_of(SHEET_8944_SHIFTED_TOTAL, "---------------")
    assert status(r, sep) == ("boilerplate", "markdown_separator")
    staff = r.tables["peg_staff"]
    assert [s["person_name"] for s in staff][:2] == ["Corradini Germana", "Margini Alessandra"]
    assert {s["project_code"] for s in staff} == {"2021_PD_8944"}
    assert unparsed(r) == []


def test_budget_block_without_title() -> None:
    r = run(SHEET_8523_NO_TITLE)
    lines = r.tables["peg_budget_lines"]
    assert len(lines) == 16
    assert len(by(lines, flow="entrata")) == 4
    # line 1214 comes after a blank line inside the block
    assert one(lines, capitolo="31884", articolo="50")["amount"] == D("172710.28")
    totals = {t["column_name"]: t["amount_raw"] for t in r.tables["peg_budget_totals"]}
    assert totals == {"Entrate Correnti": "1.956.358,13", "Spese Correnti": "2.244.232,18"}
    assert not any(t["shift_corrected"] for t in r.tables["peg_budget_totals"])
    header = line_of(SHEET_8523_NO_TITLE, "\t\tEntrate Correnti")
    assert status(r, header) == ("mapped", "peg_budget_lines")
    assert unparsed(r) == []


def test_indicator_without_its_project_header_goes_to_the_project_its_code_names() -> None:
    r = run(A2_ORPHAN_INDICATOR)
    rows = r.tables["peg_cdr_rows"]
    assert len(rows) == 18
    assert one(rows, row_kind="totale_cdr")["budget"] is None
    (ind,) = r.tables["peg_indicators"]
    assert ind["indicator_code"] == "M_A204_6_1"
    assert (ind["project_code"], ind["objective_code"]) == ("2021_PD_A204", "2021_OB_A204_6")
    assert (ind["name"], ind["target_raw"], ind["objective_inferred"]) == (
        "Entro il",
        "31/12/2021",
        True,
    )
    o = one(r.tables["peg_objectives"], objective_code="2021_OB_A204_6")
    assert (o["title"], o["objective_type"], o["inferred_from_indicator"]) == (None, None, True)
    p = one(r.tables["peg_projects"], project_code="2021_PD_A204")
    assert p["sheet_header_missing"] is True
    assert p["project_name"] == "Sistema informativo"  # from the CDR A2 table (line 3107)
    assert p["cdr_code"] == "A2"
    staff = r.tables["peg_staff"]
    assert [s["person_name"] for s in by(staff, project_code="2021_PD_A204")] == [
        "Benedetti Lorenza",
        "Bertocchi Romina",
        "Caggiati Barbara",
    ]
    assert len(by(staff, project_code="2021_PD_8723")) == 3
    assert unparsed(r) == []


def test_staff_header_without_rows_at_end() -> None:
    r = run(END_EMPTY_STAFF)
    assert r.tables.get("peg_staff", []) == []
    last = len(END_EMPTY_STAFF.rstrip("\n").split("\n"))
    assert status(r, last) == ("boilerplate", "empty_staff_table")
    objs = r.tables["peg_objectives"]
    assert [(o["objective_code"], o["objective_type"]) for o in objs] == [
        ("2021_OB_A2CA_1", "prioritario"),
        ("2021_OB_A2CA_2", "prioritario"),
    ]
    assert one(r.tables["peg_projects"], project_code="2021_PD_A2CA")["project_name"] == (
        "Coordinamento dell'area"
    )
    assert unparsed(r) == []


def test_budget_line_continued_on_next_line() -> None:
    # The sample has no budget line broken over two lines; this excerpt splits the real
    # line 166 after its description and adds the real header (165) and total (177, cut).
    text = (
        "2021_PD_8501\n"
        "\n"
        "\t\tEntrate Correnti\tSpese Correnti\n"
        "Cap. 03641 Art. 00\tCONCORSO REGIONALE ALLA COSTITUZIONE DEL F.S.L.-QUOTA DA TRASFERIRE AI COMUNI DELLA ZONA SOCIALE E\n"
        "\tALL'AUSL === VEGG. CAP/U 30852===\t605.218,23\t\n"
        "Cap. 30852 Art. 00\tTRASFERIMENTO AI COMUNI DELLA ZONA SOCIALE E ALL'AUSL DELLA QUOTA DI COMPETENZA DEL F.S.L.\t\t605.218,23\n"
        "FINANZIATO DALLA REGIONE E.R. === VEGG. CAP/E 3641 ===\n"
        "Totale\t\t605.218,23\t605.218,23\n"
    )
    r = run(text)
    lines = r.tables["peg_budget_lines"]
    first = one(lines, capitolo="03641")
    assert first["column_name"] == "Entrate Correnti"
    assert first["amount"] == D("605218.23")
    assert first["capitolo_description"].endswith(
        "ZONA SOCIALE E ALL'AUSL === VEGG. CAP/U 30852==="
    )
    assert (first["source_line"], first["source_line_end"]) == (4, 5)
    second = one(lines, capitolo="30852")
    assert second["column_name"] == "Spese Correnti"
    assert second["capitolo_description"].endswith(
        "F.S.L. FINANZIATO DALLA REGIONE E.R. === VEGG. CAP/E 3641 ==="
    )
    assert (second["source_line"], second["source_line_end"]) == (6, 7)
    assert unparsed(r) == []


def test_budget_amount_without_declared_column_is_not_guessed() -> None:
    text = (
        "2021_PD_8903\n"
        "\t\tSpese Correnti\n"
        "Cap. 31405 Art. 00\tSERVIZI PER L'INFORMAZIONE\t\t\t\t5.300,00\n"
    )
    r = run(text)
    assert r.tables.get("peg_budget_lines", []) == []
    assert [(n, reason) for n, reason, _ in unparsed(r)] == [
        (3, "budget amount outside the declared columns")
    ]


def test_same_layout_with_other_codes_and_year() -> None:
    """Next month's document: other CDR, project codes and year, same layout."""
    text = (
        FRONT_AND_CDR_85.replace("2021", "2022")
        .replace("85 - ", "41 - ")
        .replace("_85", "_41")
        .replace("_89", "_46")
        .replace("Benedetti Lorenza", "Rossi Maria")
    )
    r = run(text)
    assert (r.doc_title, r.period_start_year) == ("Piano Esecutivo di Gestione 2022", 2022)
    assert one(r.tables["peg_cdr"], cdr_code="41")["dirigente_raw"] == "Rossi Maria"
    rows = r.tables["peg_cdr_rows"]
    assert len(by(rows, row_kind="project")) == 25
    assert one(rows, project_code="2022_PD_4603")["budget"] == D("5300.00")
    assert one(rows, project_code="2022_PD_41PA")["azione"] == "Trasparenza e controlli nell'Ente"
    assert one(rows, row_kind="totale_cdr")["budget"] == D("9422128.07")
    assert unparsed(r) == []


def test_not_a_peg_document_raises() -> None:
    with pytest.raises(ParseError):
        run("Relazione annuale\n\nTesto qualsiasi\n")


# --- whole document -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def whole() -> ParseResult:
    r = peg.parse(sample(SAMPLE))
    r.ledger.finalize()
    return r


def test_whole_document_coverage(whole: ParseResult) -> None:
    counts = whole.ledger.counts()
    non_blank = counts["mapped"] + counts["boilerplate"] + counts["unparsed"]
    assert counts["unparsed"] == 0, unparsed(whole)
    assert (counts["mapped"] + counts["boilerplate"]) / non_blank >= 0.995
    assert whole.doc_title == "Piano Esecutivo di Gestione 2021"
    assert (whole.period_start_year, whole.period_end_year) == (2021, 2021)


def test_whole_document_cdrs_and_their_totals(whole: ParseResult) -> None:
    cdr = {c["cdr_code"]: c for c in whole.tables["peg_cdr"]}
    assert {k: v["dirigente_raw"] for k, v in cdr.items()} == {
        "85": "Benedetti Lorenza",
        "87": "Corradini Germana",
        "A2": "Benedetti Lorenza",
    }
    rows = whole.tables["peg_cdr_rows"]
    # table rows: lines 30-74 (44), 1524-1574 (50), 3101-3118 (18)
    assert [len(by(rows, cdr_code=c)) for c in ("85", "87", "A2")] == [44, 50, 18]
    totals = {x["cdr_code"]: x for x in by(rows, row_kind="totale_cdr")}
    assert totals["85"]["budget_raw"] == "9.422.128,07"
    assert totals["87"]["budget_raw"] == "9.267.473,26"
    assert (totals["A2"]["budget_raw"], totals["A2"]["absorption_raw"]) == (None, None)


def test_whole_document_projects(whole: ParseResult) -> None:
    projects = {p["project_code"]: p for p in whole.tables["peg_projects"]}
    listed = {x["project_code"] for x in by(whole.tables["peg_cdr_rows"], row_kind="project")}
    # 25 projects in the CDR 85 table, 29 in CDR 87, 5 in A2: each has a sheet
    assert len(listed) == 59
    assert set(projects) == listed
    assert [c for c, p in projects.items() if p["sheet_header_missing"]] == ["2021_PD_A204"]
    assert all(p["cdr_code"] == p["cdr_code_listed"] for p in projects.values())
    assert projects["2021_PD_8723"]["cdr_code"] == "A2"
    assert projects["2021_PD_A2CA"]["project_name"] == "Coordinamento dell'area"
    assert projects["2021_PD_8744"]["project_name"] == "Misure di contrasto alla povertà"
    assert projects["2021_PD_8744"]["description"].startswith("Messa a punto dei meccanismi")
    assert projects["2021_PG_8547"]["description"] is None
    assert projects["2021_PD_85TD"]["description"].count("\n") == 5  # six paragraphs


def test_whole_document_objectives_and_indicators(whole: ParseResult) -> None:
    objs = whole.tables["peg_objectives"]
    # 130 objective type lines in the document, plus 2021_OB_A204_6 named only by M_A204_6_1
    assert len(objs) == 131
    assert [o["objective_code"] for o in objs if o["inferred_from_indicator"]] == ["2021_OB_A204_6"]
    assert {o["objective_type"] for o in objs} == {
        "miglioramento",
        "gestionale ordinario",
        "prioritario",
        None,
    }
    ind = whole.tables["peg_indicators"]
    assert len(ind) == 261  # lines starting with an indicator code
    assert {i["year"] for i in ind} == {2021}
    assert one(ind, indicator_code="M_8501_1_1")["target_raw"] == "30/09/2021"
    assert one(ind, indicator_code="O_8723_4_2")["target_raw"] == "18000000"
    assert (
        one(ind, indicator_code="O_8723_4_2")["note"] == "Somma dei bdg dei due Servizi dell'area"
    )
    assert one(ind, indicator_code="M_8725_3_1")["source_line_end"] == 1849
    assert one(ind, indicator_code="M_8516_2_1")["source_line_end"] == 1045


def test_whole_document_budget(whole: ParseResult) -> None:
    lines = whole.tables["peg_budget_lines"]
    assert len(lines) == 139  # one amount on each of the 139 "Cap." lines
    b8501 = by(lines, project_code="2021_PD_8501")
    assert sum(x["amount"] for x in by(b8501, flow="spesa")) == D("784326.70")
    t8501 = {
        t["column_name"]: t["amount"]
        for t in by(whole.tables["peg_budget_totals"], project_code="2021_PD_8501")
    }
    assert t8501 == {"Entrate Correnti": D("2453877.32"), "Spese Correnti": D("784326.70")}
    inv = by(lines, project_code="2021_PD_8716", column_name="Spese Investimenti")
    assert [(x["capitolo"], x["articolo"], x["amount"]) for x in inv] == [
        ("40086", "02", D("300000.00"))
    ]
    assert (
        len(
            {
                t["column_name"]
                for t in by(whole.tables["peg_budget_totals"], project_code="2021_PD_8716")
            }
        )
        == 3
    )
    only_entrate = by(whole.tables["peg_budget_totals"], project_code="2021_PD_8733")
    assert [(t["column_name"], t["amount_raw"]) for t in only_entrate] == [
        ("Entrate Correnti", "250.000,00")
    ]
    # every block total equals the sum of its lines
    for t in whole.tables["peg_budget_totals"]:
        col = by(
            lines,
            project_code=t["project_code"],
            block_seq=t["block_seq"],
            column_name=t["column_name"],
        )
        assert sum(x["amount"] for x in col) == t["amount"], t


def test_whole_document_spese_add_up_to_totale_cdr(whole: ParseResult) -> None:
    projects = whole.tables["peg_projects"]
    lines = whole.tables["peg_budget_lines"]
    for cdr, total in (("85", D("9422128.07")), ("87", D("9267473.26"))):
        codes = {p["project_code"] for p in projects if p["cdr_code"] == cdr}
        spese = sum(
            x["amount"] for x in lines if x["project_code"] in codes and x["flow"] == "spesa"
        )
        assert spese == total


def test_whole_document_phases_and_staff(whole: ParseResult) -> None:
    phases = whole.tables["peg_phases"]
    assert len(phases) == 49
    assert {p["status"] for p in phases} == {"Previsto"}
    p = one(phases, project_code="2021_PD_8530", phase_order=2)
    assert p["note"] == "29 aprile 2021, Il incontro 18 maggio 2021 e uno conclusivo 8 giugno 2021"
    staff = whole.tables["peg_staff"]
    assert len(staff) == 298
    last = staff[-1]
    assert (last["project_code"], last["person_name"], last["allocation_raw"]) == (
        "2021_PD_A2CA",
        "Benedetti Lorenza",
        "1,00 %",
    )
    assert one(staff, project_code="2021_PD_8723", person_name="Verrascina Paolina")[
        "allocation_pct"
    ] == D("100.00")
