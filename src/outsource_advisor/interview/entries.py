"""What a person types at an interview prompt, and how answers read back to them.

Pure functions, no terminal. The compiled validator has the last word on every value, so the
interview accepts exactly what `assess` accepts; the messages are the interview's own, in the
interview's language, and always say what is allowed.

What can be typed (README, "Interview"): a choice's number or value; several for a multiple
choice (`1, 3`, `2-4`, `seo advertising`); `unknown` (or the translation of "don't know") where
the question allows it; `?` for help; `<` to go back; `:note TEXT` to attach a note; Enter to
keep the current answer or skip an optional question; `-` to leave an optional question
unanswered. Any other line starting with `:` is taken as a mistyped command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from outsource_advisor.errors import closest
from outsource_advisor.i18n.messages import message
from outsource_advisor.i18n.wording import answer_label
from outsource_advisor.interview.loop import Answer, Back, Note, Step
from outsource_advisor.model.compiled import InvalidAnswer
from outsource_advisor.model.questionnaire import (
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    Option,
    Question,
    Questionnaire,
    SingleChoice,
    TextQuestion,
    accepts_unknown,
)
from outsource_advisor.model.text import Text, clean, format_number, localize
from outsource_advisor.model.vocabulary import UNKNOWN

HELP_KEY = "?"
BACK_KEY = "<"
NOTE_COMMAND = ":note"
CLEAR_KEY = "-"

_INDEX = re.compile(r"[0-9]{1,6}")
_RANGE = re.compile(r"([0-9]{1,6})-([0-9]{1,6})")
_SEPARATORS = re.compile(r"[,;\s]+")
_UNTYPABLE = re.compile(r"[\u2028\u2029\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Help:
    """Show the question's help, then ask again."""


@dataclass(frozen=True, slots=True)
class Invalid:
    """A wrong entry; `message` says what is allowed."""

    message: str


Entry = Answer | Back | Note | Help | Invalid


class Wording:
    """The questionnaire's texts and the interview's messages in one language."""

    def __init__(self, questionnaire: Questionnaire, lang: str) -> None:
        self.questionnaire = questionnaire
        self.lang = lang

    def text(self, text: Text | None) -> str:
        return localize(text, self.lang, self.questionnaire.default_language)

    def msg(self, key: str, **fields: Any) -> str:
        return message(key, self.lang).format(**fields)

    def unknown_words(self) -> set[str]:
        return {UNKNOWN, message("unknown", self.lang).lower()}

    def answer(self, qid: str, value: Any) -> str:
        """An answer as the person reads it, and could type it again: `12 hours a week`."""
        return answer_label(self.questionnaire, qid, value, self.lang, as_typed=True)


def tidy(typed: str) -> str:
    """Typed text as we keep it: no control characters (stray escape sequences from arrow keys
    without line editing), no unpaired surrogates, no surrounding spaces."""
    return _UNTYPABLE.sub("", clean(typed.replace("\t", " "))).strip()


def parse_entry(step: Step, typed: str, words: Wording) -> Entry:
    """What the person means by one line typed at a question. Never raises."""
    entry = tidy(typed)
    if entry == HELP_KEY:
        return Help()
    if entry == BACK_KEY:
        return Back() if step.number > 1 else Invalid(words.msg("interview.first_question"))
    if entry.startswith(":"):
        return _command(entry, words)
    if not entry:
        return _empty(step, words)
    if entry == CLEAR_KEY and not step.required:
        return Answer(None)
    return _value(step, entry, words)


def _command(entry: str, words: Wording) -> Entry:
    name, _, rest = entry.partition(" ")
    if name.lower() == NOTE_COMMAND:
        return Note(rest.strip())
    return Invalid(words.msg("interview.unknown_command", entry=_shown(name)))


def _empty(step: Step, words: Wording) -> Entry:
    if step.answered:
        return Answer(step.current)
    if not step.required:
        return Answer(None)
    return Invalid(f"{words.msg('interview.needs_answer')} {sentence(allowed(step, words))}.")


def _value(step: Step, entry: str, words: Wording) -> Entry:
    question = step.question.question
    if accepts_unknown(question) and entry.lower() in words.unknown_words():
        return Answer(UNKNOWN)
    try:
        candidate: Any = entry
        if isinstance(question, SingleChoice | MultiChoice):
            candidate = _pick(step.options, entry, multiple=isinstance(question, MultiChoice))
        value = step.question.validate(candidate)
    except _Unmatched as exc:
        return _refused(step, exc.token, words)
    except InvalidAnswer:
        return _refused(step, entry, words)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # `10`, not `10.0`, in the answers file
    return Answer(value)


class _Unmatched(Exception):  # noqa: N818 - internal signal, never leaves this module
    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.token = token


def _pick(options: tuple[Option, ...], entry: str, *, multiple: bool) -> str | list[str]:
    """Choice values for what was typed: numbers as shown (from 1), ranges, or values in any
    case. Raises _Unmatched with the first token that is none of these."""
    values = [o.value for o in options]
    by_lower = {v.lower(): v for v in values}
    tokens = [t for t in _SEPARATORS.split(entry) if t] if multiple else [entry]
    chosen: list[str] = []
    for token in tokens:
        found = _token_values(token, values, by_lower)
        if found is None:
            raise _Unmatched(token)
        chosen += found
    return chosen if multiple else chosen[0]


def _token_values(token: str, values: list[str], by_lower: dict[str, str]) -> list[str] | None:
    if _INDEX.fullmatch(token):
        index = int(token)
        return [values[index - 1]] if 1 <= index <= len(values) else None
    if span := _RANGE.fullmatch(token):
        lo, hi = int(span[1]), int(span[2])
        return values[lo - 1 : hi] if 1 <= lo <= hi <= len(values) else None
    match = by_lower.get(token.lower())
    return [match] if match else None


def _refused(step: Step, entry: str, words: Wording) -> Invalid:
    text = words.msg("interview.not_accepted", entry=_shown(entry), allowed=allowed(step, words))
    values = [o.value for o in step.options]
    suggestion = closest(entry.lower(), values) if values else None
    if suggestion:
        text += " " + words.msg("interview.did_you_mean", value=suggestion)
    return Invalid(text)


def _shown(entry: str) -> str:
    return repr(entry if len(entry) <= 40 else entry[:37] + "...")


def sentence(text: str) -> str:
    """`a whole number...` -> `A whole number...`: a description as a line of its own."""
    return text[:1].upper() + text[1:]


def allowed(step: Step, words: Wording) -> str:
    """What the question accepts, in words: `a whole number from 1 to 20, or unknown if you don't know`."""
    question = step.question.question
    parts = [_allowed_kind(question, step.options, words)]
    if accepts_unknown(question):
        parts.append(words.msg("interview.allowed.unknown"))
    return ", ".join(p for p in parts if p)


def _allowed_kind(question: Question, options: tuple[Option, ...], words: Wording) -> str:
    if isinstance(question, SingleChoice):
        values = ", ".join(o.value for o in options)
        return words.msg("interview.allowed.choice", count=len(options), values=values)
    if isinstance(question, MultiChoice):
        return _allowed_choices(question, len(options), words)
    if isinstance(question, NumberQuestion):
        return _allowed_number(question, words)
    if isinstance(question, BooleanQuestion):
        return words.msg("interview.allowed.yes_no")
    assert isinstance(question, TextQuestion)
    return words.msg("interview.allowed.text", count=question.max_length)


def _allowed_choices(question: MultiChoice, count: int, words: Wording) -> str:
    parts = [words.msg("interview.allowed.choices", count=count)]
    if question.min_selected > 1:
        parts.append(words.msg("interview.allowed.at_least_chosen", count=question.min_selected))
    if question.max_selected is not None:
        parts.append(words.msg("interview.allowed.at_most_chosen", count=question.max_selected))
    return "; ".join(parts)


def _allowed_number(question: NumberQuestion, words: Wording) -> str:
    kind = words.msg("interview.allowed.whole_number" if question.integer else "interview.allowed.number")
    lo = format_number(question.min) if question.min is not None else None
    hi = format_number(question.max) if question.max is not None else None
    if lo is not None and hi is not None:
        return f"{kind} {words.msg('interview.allowed.between', lo=lo, hi=hi)}"
    if lo is not None:
        return f"{kind} {words.msg('interview.allowed.at_least', lo=lo)}"
    if hi is not None:
        return f"{kind} {words.msg('interview.allowed.at_most', hi=hi)}"
    return kind
