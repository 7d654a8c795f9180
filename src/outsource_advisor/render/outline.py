"""A questionnaire as a readable outline: sections, questions, and the answers each accepts."""

from __future__ import annotations

from outsource_advisor.model.compiled import compiled_of
from outsource_advisor.model.questionnaire import Questionnaire, is_scored
from outsource_advisor.model.text import localize


def render_outline(q: Questionnaire, lang: str) -> str:
    def t(text: str | dict[str, str] | None) -> str:
        return localize(text, lang, q.default_language)

    compiled = compiled_of(q)
    lines = [f"{t(q.title)}", f"id: {q.id}  version: {q.version}  languages: {', '.join(q.languages)}", ""]
    for section in q.sections:
        lines.append(f"[{section.id}] {t(section.title)}")
        for question in section.questions:
            flags: list[str] = [question.type]
            if not question.required:
                flags.append("optional")
            if is_scored(question):
                flags.append("scored")
            if question.when is not None:
                flags.append("conditional")
            lines.append(f"  {question.id} ({', '.join(flags)})")
            lines.append(f"      {t(question.text)}")
            lines.append(f"      accepts: {compiled.by_id[question.id].allowed}")
        lines.append("")
    return "\n".join(lines)
