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
}


def message(key: str, lang: str) -> str:
    """A message in `lang`, falling back to English."""
    texts = _MESSAGES[key]
    return texts.get(lang) or texts["en"]


def confidence_level(confidence: float) -> str:
    """A word for a confidence figure: high from 0.75, medium from 0.5, else low."""
    return "high" if confidence >= 0.75 else "medium" if confidence >= 0.5 else "low"
