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
        "it": "Hai risposto 'non so': nessun punto, e il risultato è meno certo.",
    },
    "who_keep": {
        "en": "Your own people do it.",
        "it": "Lo fanno le tue persone.",
    },
    "who_delegate": {
        "en": "The agency does it; you review the results.",
        "it": "Lo fa l'agenzia; tu controlli i risultati.",
    },
    "who_delegate_keeps": {
        "en": "The agency does it; you keep {keeps}.",
        "it": "Lo fa l'agenzia; a te resta {keeps}.",
    },
    "outcome.in_house": {"en": "in-house", "it": "gestione interna"},
    "outcome.hybrid": {"en": "hybrid", "it": "gestione ibrida"},
    "outcome.outsourced": {"en": "outsourced", "it": "outsourcing"},
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
        "it": "{outcome} è l'opzione più adatta, con {margin} punti di vantaggio su {runner_up}; affidabilità {level} ({percent}%).",
    },
    "summary_by_rule": {
        "en": "{outcome} is recommended because a rule decides it: {reason} Confidence is {level} ({percent}%).",
        "it": "{outcome} è l'opzione raccomandata perché lo decide una regola: {reason} Affidabilità {level} ({percent}%).",
    },
    "heading.recommendation": {"en": "Recommendation", "it": "Raccomandazione"},
    "heading.scores": {
        "en": "Scores (0–100, higher = better fit)",
        "it": "Punteggi (0–100, più alto = più adatto)",
    },
    "heading.reasons_for": {
        "en": "Main reasons for {outcome}",
        "it": "Motivi principali a favore: {outcome}",
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
    "yes": {"en": "yes", "it": "sì"},
    "no": {"en": "no", "it": "no"},
    "unknown": {"en": "don't know", "it": "non so"},
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


def message(key: str, lang: str) -> str:
    """A message in `lang`, falling back to English."""
    texts = _MESSAGES[key]
    return texts.get(lang) or texts["en"]


def confidence_level(confidence: float) -> str:
    """A word for a confidence figure: high from 0.75, medium from 0.5, else low."""
    return "high" if confidence >= 0.75 else "medium" if confidence >= 0.5 else "low"
