"""Human-readable text in a questionnaire: a plain string, or a map of language to string."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

_LANG = re.compile(r"^[a-z]{2}$")


def check_text(value: Any) -> Any:
    """A text is a string, or a map of two-letter language code to string."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value:
        for lang, text in value.items():
            if not isinstance(lang, str) or not _LANG.match(lang):
                raise ValueError(f"{lang!r} is not a two-letter language code like 'en' or 'it'")
            if not isinstance(text, str):
                raise ValueError(f"the {lang!r} text must be a string")
        return value
    raise ValueError("must be a text, or a map of language to text like {en: ..., it: ...}")


Text = Annotated[str | dict[str, str], BeforeValidator(check_text)]


def localize(text: str | dict[str, str] | None, lang: str, fallback: str) -> str:
    """The text in `lang`, else in the questionnaire's default language, else any."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(fallback) or next(iter(text.values()), "")


def missing_languages(text: str | dict[str, str] | None, languages: list[str]) -> list[str]:
    """The declared languages a text has no translation for (a plain string counts as none
    when more than one language is declared)."""
    if text is None or text == "":
        return []
    if isinstance(text, str):
        return languages[1:]
    return [lang for lang in languages if not text.get(lang)]


def format_number(value: float) -> str:
    """`3.0` -> `3`, `2.456` -> `2.46`: numbers as a person writes them."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """User text made safe for a terminal: control characters (ANSI escapes among them) removed."""
    return _CONTROL.sub("", text)
