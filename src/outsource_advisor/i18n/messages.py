"""The program's own words, in every language it speaks. Domain texts live in the questionnaire."""

from __future__ import annotations

LANGUAGES = ("en", "it")

_MESSAGES: dict[str, dict[str, str]] = {
    "baseline": {
        "en": "Every option starts at 50, a neutral fit; each answer then moves it up or down.",
        "it": "Ogni opzione parte da 50, un punto neutro; ogni risposta la sposta in su o in giù.",
    },
    "unknown_answer": {
        "en": "You answered 'don't know': no points either way, and the result is less certain.",
        "it": "Avete risposto «non so»: nessun punto, e il risultato è meno certo.",
    },
    "who_keep": {
        "en": "Your own people do it.",
        "it": "Lo fanno le vostre persone.",
    },
    "who_delegate": {
        "en": "The agency does it; you review the results.",
        "it": "Lo fa l'agenzia; voi ne controllate i risultati.",
    },
    "who_delegate_keeps": {
        "en": "The agency does it; you keep {keeps}.",
        "it": "Lo fa l'agenzia; voi mantenete {keeps}.",
    },
    "outcome.in_house": {"en": "in-house", "it": "gestione interna"},
    "outcome.hybrid": {"en": "hybrid", "it": "gestione ibrida"},
    "outcome.outsourced": {"en": "outsourced", "it": "outsourcing"},
    # The outcome as the subject of a sentence, and after "for"; Italian needs the article.
    "outcome_the.in_house": {"en": "in-house", "it": "la gestione interna"},
    "outcome_the.hybrid": {"en": "hybrid", "it": "la gestione ibrida"},
    "outcome_the.outsourced": {"en": "outsourced", "it": "l'outsourcing"},
    "outcome_of.in_house": {"en": "in-house", "it": "della gestione interna"},
    "outcome_of.hybrid": {"en": "hybrid", "it": "della gestione ibrida"},
    "outcome_of.outsourced": {"en": "outsourced", "it": "dell'outsourcing"},
    "outcome_means.in_house": {
        "en": "run it with your own people",
        "it": "gestitela con le vostre persone",
    },
    "outcome_means.hybrid": {
        "en": "split the work between your people and an agency",
        "it": "dividete il lavoro tra le vostre persone e un'agenzia",
    },
    "outcome_means.outsourced": {
        "en": "hand the work to an agency, staying involved",
        "it": "affidate il lavoro a un'agenzia, restando coinvolti",
    },
    "decision.keep": {"en": "keep", "it": "tenere"},
    "decision.share": {"en": "share", "it": "condividere"},
    "decision.delegate": {"en": "delegate", "it": "affidare"},
    "confidence.high": {"en": "high", "it": "alta"},
    "confidence.medium": {"en": "medium", "it": "media"},
    "confidence.low": {"en": "low", "it": "bassa"},
    "summary": {
        "en": "{outcome} fits best, {margin} points ahead of {runner_up}; confidence is {level} ({percent}%).",
        "it": "{outcome} è l'opzione più adatta, con {margin} punti di vantaggio sulla seconda, {runner_up}; l'affidabilità è {level} ({percent}%).",
    },
    "summary_by_rule": {
        "en": "{outcome} is recommended because a rule decides it: {reason} Confidence is {level} ({percent}%).",
        "it": "{outcome} è l'opzione raccomandata per una regola che prevale sui punteggi: {reason} L'affidabilità è {level} ({percent}%).",
    },
    "heading.recommendation": {"en": "Recommendation", "it": "Raccomandazione"},
    "heading.scores": {
        "en": "Scores (0–100, higher = better fit)",
        "it": "Punteggi (0–100, più alto = più adatto)",
    },
    "heading.reasons_for": {
        "en": "Main reasons for {outcome}",
        "it": "Motivi principali a favore {outcome}",
    },
    "heading.reasons_against": {"en": "Main reasons against", "it": "Motivi principali contro"},
    "heading.plan": {"en": "Delegation plan", "it": "Piano di delega"},
    "heading.readiness": {"en": "Readiness", "it": "Preparazione"},
    "heading.warnings": {"en": "Warnings", "it": "Avvertenze"},
    "heading.costs": {"en": "Estimated costs", "it": "Costi stimati"},
    "column.activity": {"en": "Activity", "it": "Attività"},
    "column.decision": {"en": "Decision", "it": "Decisione"},
    "column.who": {"en": "Who does what", "it": "Chi fa cosa"},
    "column.why": {"en": "Why", "it": "Perché"},
    "column.option": {"en": "Option", "it": "Opzione"},
    "column.hours": {"en": "Internal h/week (start)", "it": "Ore interne/sett. (inizio)"},
    "column.fees": {"en": "Agency fees/month", "it": "Compensi agenzia/mese"},
    "column.monthly": {"en": "Monthly cost", "it": "Costo mensile"},
    "column.total": {"en": "Total over {months} months", "it": "Totale su {months} mesi"},
    "no_activities": {"en": "No activities were chosen.", "it": "Nessuna attività scelta."},
    "no_warnings": {"en": "None.", "it": "Nessuna."},
    "costs_in_hours": {
        "en": "Without an hourly cost, internal work is shown in hours only.",
        "it": "Senza un costo orario, il lavoro interno è mostrato solo in ore.",
    },
    "change.at_least": {
        "en": "With {value} or more {label}, the recommendation becomes {outcome}.",
        "it": "Con {value} o più {label}, la raccomandazione diventa {outcome}.",
    },
    "change.at_most": {
        "en": "With {value} or less {label}, the recommendation becomes {outcome}.",
        "it": "Con {value} o meno {label}, la raccomandazione diventa {outcome}.",
    },
    "change.exactly": {
        "en": "With {value} {label}, the recommendation becomes {outcome}.",
        "it": "Con {value} {label}, la raccomandazione diventa {outcome}.",
    },
    "change.answer": {
        "en": "Answering “{answer}” to “{label}” would make it {outcome}.",
        "it": "Rispondendo «{answer}» a «{label}», la raccomandazione diventerebbe {outcome}.",
    },
    "change.add": {
        "en": "Adding “{answer}” to {label} would make it {outcome}.",
        "it": "Aggiungendo «{answer}» a {label}, la raccomandazione diventerebbe {outcome}.",
    },
    "change.remove": {
        "en": "Removing “{answer}” from {label} would make it {outcome}.",
        "it": "Togliendo «{answer}» da {label}, la raccomandazione diventerebbe {outcome}.",
    },
    "robustness.solid": {"en": "solid", "it": "solida"},
    "robustness.leaning": {"en": "leaning", "it": "orientata"},
    "robustness.fragile": {"en": "fragile", "it": "fragile"},
    "robustness.sentence": {
        "en": "With every weight of the questionnaire changed at random by up to ±{percent}% ({runs} times), the recommendation stays {outcome} in {kept}% of the runs: {label}.",
        "it": "Cambiando a caso ogni peso del questionario fino a ±{percent}% ({runs} volte), la raccomandazione resta {outcome} nel {kept}% dei casi: {label}.",
    },
    "heading.what_would_change": {"en": "What would change the answer", "it": "Cosa cambierebbe la risposta"},
    "heading.robustness": {"en": "Robustness", "it": "Solidità"},
    "heading.phases": {"en": "A phased plan", "it": "Un piano per fasi"},
    "phase.months": {"en": "Months {start}–{end}", "it": "Mesi {start}–{end}"},
    "phase.month": {"en": "Month {start}", "it": "Mese {start}"},
    "phase.from": {"en": "From month {start}", "it": "Dal mese {start}"},
    "phase.delegate": {"en": "Handed over: {names}.", "it": "Affidato: {names}."},
    "phase.share": {"en": "Shared: {names}.", "it": "Condiviso: {names}."},
    "nothing_would_change": {
        "en": "No single change of one answer would change the recommendation.",
        "it": "Nessun cambiamento di una singola risposta cambierebbe la raccomandazione.",
    },
    "compare.recommendation": {"en": "Recommendation", "it": "Raccomandazione"},
    "compare.no_change": {"en": "No change.", "it": "Nessun cambiamento."},
    "compare.answers": {"en": "Answers changed", "it": "Risposte cambiate"},
    "yes": {"en": "yes", "it": "sì"},
    "no": {"en": "no", "it": "no"},
    "unknown": {"en": "don't know", "it": "non so"},
    # --- Client-ready reports (HTML and Markdown). Keep this block contiguous. ---
    "report.untitled": {"en": "Social media assessment", "it": "Valutazione della gestione dei social"},
    "report.meta.date": {"en": "Date", "it": "Data"},
    "report.meta.interviewer": {"en": "Interview by", "it": "Intervista a cura di"},
    "report.meta.respondent": {"en": "Answers from", "it": "Risposte di"},
    "report.section.recommendation": {"en": "Recommendation", "it": "Raccomandazione"},
    "report.section.reasons": {"en": "Why", "it": "Perché"},
    "report.section.plan": {"en": "Delegation plan", "it": "Piano di delega"},
    "report.section.contract": {"en": "What the contract must cover", "it": "Cosa deve coprire il contratto"},
    "report.section.readiness": {"en": "Before you start", "it": "Prima di partire"},
    "report.section.warnings": {"en": "Warnings", "it": "Avvertenze"},
    "report.section.costs": {"en": "Estimated costs", "it": "Costi stimati"},
    "report.section.sensitivity": {
        "en": "How solid it is, and what would change it",
        "it": "Quanto è solida, e cosa la cambierebbe",
    },
    "report.section.phases": {"en": "A phased plan", "it": "Un piano per fasi"},
    "report.sensitivity.intro": {
        "en": "The nearest changes of one answer that would change the recommendation, smallest first:",
        "it": "I cambiamenti più piccoli di una sola risposta che cambierebbero la raccomandazione:",
    },
    "report.sensitivity.more": {
        "en": "{count} more in the JSON output (assess --format json).",
        "it": "Altri {count} nell'output JSON (assess --format json).",
    },
    "report.section.appendix": {"en": "Appendix: the answers", "it": "Appendice: le risposte"},
    "report.recommended": {"en": "recommended", "it": "scelta consigliata"},
    "report.chart.desc": {"en": "Scores out of 100: {items}.", "it": "Punteggi su 100: {items}."},
    "report.chart.neutral": {"en": "50 = neutral start", "it": "50 = punto di partenza neutro"},
    "report.how_to_read": {
        "en": "How to read this: each option starts at 50, a neutral fit, and every answer moves it up or down by the points the questionnaire gives it; the main reasons below are the answers that moved it most. Confidence reflects how much of the picture the answers cover and how clear the lead is.",
        "it": "Come leggerlo: ogni opzione parte da 50, un punto neutro, e ogni risposta la sposta in su o in giù secondo i punti previsti dal questionario; i motivi principali qui sotto sono le risposte che hanno pesato di più. L'affidabilità dice quanta parte del quadro coprono le risposte e quanto è netto il vantaggio.",
    },
    "report.reasons.note": {
        "en": "The figure beside each reason is how many points it moves between {outcome} and {runner_up}, the two options compared.",
        "it": "Il numero accanto a ogni motivo indica quanti punti sposta tra {outcome} e {runner_up}, le due opzioni messe a confronto.",
    },
    "report.reasons.none_for": {
        "en": "No single answer favours it over {runner_up}.",
        "it": "Nessuna risposta, da sola, la favorisce rispetto all'alternativa: {runner_up}.",
    },
    "report.reasons.none_against": {
        "en": "No answer weighs against it.",
        "it": "Nessuna risposta pesa a sfavore.",
    },
    "report.points": {"en": "points", "it": "punti"},
    "report.column.score": {"en": "Score (0–100)", "it": "Punteggio (0–100)"},
    "report.column.chart": {"en": "Chart", "it": "Grafico"},
    "report.plan.intro": {
        "en": "For each activity you chose: keep it, share it with an agency, or delegate it, and who does what.",
        "it": "Per ogni attività scelta: tenerla, condividerla con un'agenzia o affidarla, e chi fa cosa.",
    },
    "report.contract.intro": {
        "en": "For the activities you delegate or share, agree on these points in writing before work starts.",
        "it": "Per le attività che affidate o condividete, mettete per iscritto questi punti prima di iniziare.",
    },
    "report.contract.exposure": {"en": "Legal point", "it": "Aspetto legale"},
    "report.contract.concerns": {"en": "Concerns", "it": "Riguarda"},
    "report.contract.agree": {"en": "What to agree", "it": "Cosa concordare"},
    "report.contract.every_activity": {
        "en": "every activity handed over",
        "it": "tutte le attività affidate",
    },
    "report.contract.none": {
        "en": "Nothing is handed over, so no agency contract is needed.",
        "it": "Non si affida nulla all'esterno, quindi non serve un contratto con un'agenzia.",
    },
    "report.readiness.intro": {
        "en": "What must be in place before handing work over, and what to do where something is missing.",
        "it": "Cosa deve esserci prima di affidare il lavoro e, dove manca qualcosa, cosa fare.",
    },
    "report.status.met": {"en": "Ready", "it": "A posto"},
    "report.status.missing": {"en": "To do", "it": "Da fare"},
    "report.status.unknown": {"en": "To check", "it": "Da verificare"},
    "report.costs.intro": {
        "en": "What each option would take over {months} months: your people's hours and the agency's fees.",
        "it": "Cosa richiederebbe ogni opzione in {months} mesi: le ore delle vostre persone e i compensi dell'agenzia.",
    },
    "report.column.hours_start": {"en": "Internal hours a week, at start", "it": "Ore interne a settimana, all'avvio"},
    "report.column.hours_running": {"en": "Internal hours a week, then", "it": "Ore interne a settimana, a regime"},
    "report.column.fees": {"en": "Agency fees a month", "it": "Compensi d'agenzia al mese"},
    "report.column.monthly": {"en": "Monthly cost", "it": "Costo mensile"},
    "report.column.total": {"en": "Total over {months} months", "it": "Totale in {months} mesi"},
    "report.costs.fees_at_start": {"en": "{value} at start", "it": "{value} all'avvio"},
    "report.costs.hourly": {
        "en": "An hour of internal work costs {value}.",
        "it": "Un'ora di lavoro interno costa {value}.",
    },
    "report.costs.assumptions": {"en": "Assumptions", "it": "Ipotesi"},
    "report.costs.fineprint": {
        "en": "Agency fees exclude ad spend. Hours and fees are the questionnaire's assumptions for a typical market: adjust them to yours.",
        "it": "I compensi d'agenzia escludono la spesa pubblicitaria. Ore e compensi sono ipotesi del questionario per un mercato tipico: adattatele al vostro.",
    },
    "report.assumption.weeks_per_month": {"en": "{value} weeks a month", "it": "{value} settimane al mese"},
    "report.assumption.startup_months": {"en": "the start lasts {value} months", "it": "l'avvio dura {value} mesi"},
    "report.assumption.startup_multiplier": {
        "en": "internal work at the start is multiplied by {value}",
        "it": "all'avvio il lavoro interno si moltiplica per {value}",
    },
    "report.assumption.alignment_hours_per_week": {
        "en": "{value} h a week of alignment whenever an agency is involved",
        "it": "{value} h a settimana di allineamento quando è coinvolta un'agenzia",
    },
    "report.assumption.alignment_hours_per_activity": {
        "en": "plus {value} h a week for each activity handed over",
        "it": "più {value} h a settimana per ogni attività affidata",
    },
    "report.assumption.extra_unit_share": {
        "en": "each channel beyond the first adds {percent}% to the work of per-channel activities",
        "it": "ogni canale oltre il primo aggiunge il {percent}% al lavoro delle attività legate ai canali",
    },
    "report.assumption.agency_share_when_shared": {
        "en": "in a shared activity the agency does {percent}% of the work",
        "it": "in un'attività condivisa l'agenzia svolge il {percent}% del lavoro",
    },
    "report.appendix.intro": {
        "en": "Every answer given, with the interviewer's notes, so that the assessment can be checked and reproduced.",
        "it": "Tutte le risposte date, con le note dell'intervistatore, perché la valutazione si possa verificare e riprodurre.",
    },
    "report.column.question": {"en": "Question", "it": "Domanda"},
    "report.column.answer": {"en": "Answer", "it": "Risposta"},
    "report.column.note": {"en": "Note", "it": "Nota"},
    "report.appendix.general_note": {"en": "General note", "it": "Nota generale"},
    "report.appendix.other_notes": {"en": "Other notes", "it": "Altre note"},
    "report.appendix.ignored": {
        "en": "Answers not used, because their questions do not apply to these answers",
        "it": "Risposte non usate, perché le loro domande non si applicano a queste risposte",
    },
    "report.appendix.reproduce": {"en": "To reproduce this report", "it": "Per riprodurre questo report"},
    "report.appendix.questionnaire": {"en": "Questionnaire", "it": "Questionario"},
    "report.appendix.version": {"en": "version {version}", "it": "versione {version}"},
    "report.appendix.answers_version": {
        "en": "answers written for version {version}",
        "it": "risposte scritte per la versione {version}",
    },
    "report.appendix.program": {"en": "Program", "it": "Programma"},
    "report.appendix.language": {"en": "Language", "it": "Lingua"},
    "report.appendix.same_result": {
        "en": "The same answers, scored with the same questionnaire and program versions, give the same result.",
        "it": "Le stesse risposte, valutate con le stesse versioni di questionario e programma, danno lo stesso risultato.",
    },
    "report.footer": {"en": "Prepared with {program}", "it": "Preparato con {program}"},
    # --- end of the report block ---
    # The guided interview (`outsource-advisor interview`).
    "interview.title": {"en": "Interview: {title}", "it": "Intervista: {title}"},
    "interview.saving_to": {
        "en": "Answers are saved to {path} after every answer.",
        "it": "Le risposte vengono salvate in {path} dopo ogni risposta.",
    },
    "interview.resuming": {
        "en": "Resuming {path}: {done} of {total} questions already answered.",
        "it": "Riprendo {path}: {done} domande su {total} hanno già una risposta.",
    },
    "interview.keys": {
        "en": "Keys: ? help · < back · Enter keeps the current answer · :note TEXT adds a note · unknown if you don't know · Ctrl-C stops (answers are kept)",
        "it": "Tasti: ? aiuto · < indietro · Invio conferma la risposta attuale · :note TESTO aggiunge una nota · unknown (o non so) se non lo sai · Ctrl-C interrompe (le risposte restano salvate)",
    },
    "interview.progress": {"en": "Question {number} of {total}", "it": "Domanda {number} di {total}"},
    "interview.hint": {
        "en": "? help · < back · :note TEXT",
        "it": "? aiuto · < indietro · :note TESTO",
    },
    "interview.current": {"en": "Current answer: {answer}", "it": "Risposta attuale: {answer}"},
    "interview.note": {"en": "Note: {note}", "it": "Nota: {note}"},
    "interview.prompt": {"en": "Answer", "it": "Risposta"},
    "interview.enter_keeps": {"en": "Enter keeps it", "it": "Invio per confermarla"},
    "interview.enter_skips": {
        "en": "optional: Enter skips it",
        "it": "facoltativa: Invio per saltarla",
    },
    "interview.dash_clears": {
        "en": "optional: - leaves it unanswered",
        "it": "facoltativa: - la lascia senza risposta",
    },
    "interview.note_saved": {"en": "Note saved.", "it": "Nota salvata."},
    "interview.note_removed": {"en": "Note removed.", "it": "Nota rimossa."},
    "interview.no_help": {
        "en": "There is no help for this question.",
        "it": "Non c'è un aiuto per questa domanda.",
    },
    "interview.first_question": {
        "en": "This is the first question; there is nothing to go back to.",
        "it": "Questa è la prima domanda: non si può tornare indietro.",
    },
    "interview.needs_answer": {
        "en": "This question needs an answer.",
        "it": "Questa domanda richiede una risposta.",
    },
    "interview.not_accepted": {
        "en": "Not accepted: {entry}. Allowed: {allowed}.",
        "it": "Non accettato: {entry}. Valori ammessi: {allowed}.",
    },
    "interview.did_you_mean": {"en": "Did you mean {value}?", "it": "Forse intendevi {value}?"},
    "interview.unknown_command": {
        "en": "Unknown command {entry}. Commands: ? help, < back, :note TEXT.",
        "it": "Comando sconosciuto {entry}. Comandi: ? aiuto, < indietro, :note TESTO.",
    },
    "interview.allowed.choice": {
        "en": "a number from 1 to {count}, or a value: {values}",
        "it": "un numero da 1 a {count}, o un valore: {values}",
    },
    "interview.allowed.choices": {
        "en": "numbers from 1 to {count} or values, separated by commas or spaces (for example 1, 3 or 2-4)",
        "it": "numeri da 1 a {count} o valori, separati da virgole o spazi (per esempio 1, 3 oppure 2-4)",
    },
    "interview.allowed.at_least_chosen": {"en": "choose at least {count}", "it": "scegline almeno {count}"},
    "interview.allowed.at_most_chosen": {"en": "choose at most {count}", "it": "scegline al massimo {count}"},
    "interview.allowed.yes_no": {"en": "yes or no", "it": "sì o no"},
    "interview.allowed.whole_number": {"en": "a whole number", "it": "un numero intero"},
    "interview.allowed.number": {"en": "a number", "it": "un numero"},
    "interview.allowed.between": {"en": "from {lo} to {hi}", "it": "da {lo} a {hi}"},
    "interview.allowed.at_least": {"en": "of at least {lo}", "it": "non inferiore a {lo}"},
    "interview.allowed.at_most": {"en": "of at most {hi}", "it": "non superiore a {hi}"},
    "interview.allowed.text": {
        "en": "text of at most {count} characters",
        "it": "un testo di al massimo {count} caratteri",
    },
    "interview.allowed.unknown": {
        "en": "or unknown if you don't know",
        "it": "oppure unknown (o non so) se non lo sai",
    },
    "interview.skipped": {"en": "(no answer)", "it": "(nessuna risposta)"},
    "interview.review.title": {"en": "Review of your answers", "it": "Riepilogo delle risposte"},
    "interview.column.question": {"en": "Question", "it": "Domanda"},
    "interview.column.answer": {"en": "Answer", "it": "Risposta"},
    "interview.column.note": {"en": "Note", "it": "Nota"},
    "interview.review.general_note": {"en": "General note: {note}", "it": "Nota generale: {note}"},
    "interview.review.ignored": {
        "en": "Kept in the file but ignored, because these questions are no longer asked:",
        "it": "Conservate nel file ma ignorate, perché queste domande non vengono più poste:",
    },
    "interview.review.prompt": {
        "en": "Type a number to change that answer, or press Enter to finish",
        "it": "Scrivi un numero per cambiare quella risposta, o premi Invio per finire",
    },
    "interview.review.invalid": {
        "en": "Type a number from 1 to {count}, or press Enter to finish.",
        "it": "Scrivi un numero da 1 a {count}, o premi Invio per finire.",
    },
    "interview.saved": {
        "en": "Answers saved to {path}. Score them again with: outsource-advisor assess {path}",
        "it": "Risposte salvate in {path}. Per rivalutarle: outsource-advisor assess {path}",
    },
    "interview.interrupted": {
        "en": "Interrupted. Answers saved to {path} ({done} of {total} answered). Resume with: {command}",
        "it": "Interrotto. Risposte salvate in {path} ({done} su {total} con risposta). Per riprendere: {command}",
    },
    "interview.input_ended": {
        "en": "The input ended before the interview did. Answers saved to {path} ({done} of {total} answered). Resume with: {command}",
        "it": "L'input è finito prima dell'intervista. Risposte salvate in {path} ({done} su {total} con risposta). Per riprendere: {command}",
    },
    "interview.nothing_saved": {
        "en": "Stopped before the first answer; nothing was saved.",
        "it": "Interrotto prima della prima risposta; non è stato salvato nulla.",
    },
    "interview.no_input": {
        "en": "Standard input is not a terminal and gave no answers. Run the interview in a terminal, give it one answer per line on standard input, or score an answers file with: outsource-advisor assess FILE",
        "it": "Lo standard input non è un terminale e non ha dato risposte. Esegui l'intervista in un terminale, passale una risposta per riga sullo standard input, oppure valuta un file di risposte con: outsource-advisor assess FILE",
    },
    "interview.other_version": {
        "en": "These answers were written for version {old} of the questionnaire; continuing with version {new}.",
        "it": "Queste risposte sono state scritte per la versione {old} del questionario; si continua con la versione {new}.",
    },
}


def has_message(key: str) -> bool:
    return key in _MESSAGES


def message(key: str, lang: str) -> str:
    """A message in `lang`, falling back to English."""
    texts = _MESSAGES[key]
    return texts.get(lang) or texts["en"]


def confidence_level(confidence: float) -> str:
    """A word for a confidence figure: high from 0.75, medium from 0.5, else low."""
    return "high" if confidence >= 0.75 else "medium" if confidence >= 0.5 else "low"
