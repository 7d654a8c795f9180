"""How values read to a person, in each language: numbers, money, outcomes and answers.

Shared by the engine (for the `{value}` in a reason) and by every renderer, so that a figure
or an answer reads the same in the terminal, in HTML and in Markdown. Pure: no I/O, no rich.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from outsource_advisor.i18n.messages import message
from outsource_advisor.model.questionnaire import (
    MultiChoice,
    NumberQuestion,
    Questionnaire,
    SingleChoice,
    accepts_unknown,
)
from outsource_advisor.model.text import format_number, localize
from outsource_advisor.model.vocabulary import UNKNOWN, is_number

# Thousands separator and decimal mark; a language not listed writes numbers the English way.
_SEPARATORS: dict[str, tuple[str, str]] = {"en": (",", "."), "it": (".", ",")}


def format_decimal(value: float, lang: str, places: int = 2, *, fixed: bool = False) -> str:
    """`1234.5` -> `1,234.5` (en) or `1.234,5` (it); trailing zeros dropped unless `fixed`."""
    if not math.isfinite(value):
        return str(value)
    # Half up, as people round (9.25 h -> 9.3), from the shortest decimal that is the float.
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"{rounded + 0:,.{places}f}"  # + 0 turns -0 into 0
    if places and not fixed:
        text = text.rstrip("0").rstrip(".")
    group, point = _SEPARATORS.get(lang, _SEPARATORS["en"])
    return text.translate(str.maketrans(",.", group + point))


def format_signed(value: float, lang: str, places: int = 1) -> str:
    """`4.83` -> `+4.8`, `-1` -> `−1.0`: a lead in points, always with its sign."""
    shown = format_decimal(abs(value), lang, places, fixed=True)
    sign = "−" if value < 0 and shown.strip("0.,") else "+"
    return sign + shown


def format_money(value: float, currency: str, lang: str) -> str:
    """Whole units with the currency code after: `1,142 EUR`; estimates are not precise to the cent."""
    return f"{format_decimal(value, lang, 0)} {currency}"


def format_hours(value: float, lang: str) -> str:
    """Hours to one decimal: `5.38` -> `5.4`."""
    return format_decimal(value, lang, 1)


def capitalize(text: str) -> str:
    """The first letter in upper case, the rest untouched (`l'outsourcing` -> `L'outsourcing`)."""
    return text[:1].upper() + text[1:]


def outcome_label(outcome: str, lang: str) -> str:
    """`hybrid` -> `hybrid` / `gestione ibrida`: the outcome as a word."""
    return message(f"outcome.{outcome}", lang)


def answer_label(q: Questionnaire, qid: str, value: Any, lang: str, *, as_typed: bool = False) -> str:
    """An answer as a person reads it: option labels, yes or no, "don't know", and numbers
    written in the language (`1,234.5`; in Italian `1.234,5`).

    `as_typed` is for the interview, where the answer shown may be typed back: a number reads as
    it is typed (`1234.5`; the prompt would read `1.234,5` as 1.2345), followed by its unit.
    A question left unanswered (None, only in an interview) reads "skipped".
    """
    question = q.questions[qid]
    if value is None:
        return message("interview.skipped", lang)
    if value == UNKNOWN and accepts_unknown(question):
        return message("unknown", lang)
    if isinstance(question, SingleChoice | MultiChoice):
        labels = {o.value: o.label for o in q.options_of(question)}
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(localize(labels.get(v, v), lang, q.default_language) for v in chosen)
    if isinstance(value, bool):
        return message("yes" if value else "no", lang)
    if not is_number(value):
        return str(value)
    if not as_typed:
        return format_decimal(value, lang)
    unit = localize(question.unit, lang, q.default_language) if isinstance(question, NumberQuestion) else ""
    return f"{format_number(value)} {unit}".strip()
