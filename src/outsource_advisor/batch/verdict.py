"""The quick path: the verdict of one response (the fields a batch row shows), checked and
scored without building a report.

Every decision comes from the engine's own steps (`engine.scoring.decide`'s scoring and rules, the
plan, the warnings, the cost of the plan, the confidence), just without any text, so a batch
row can never disagree with `assess`. What is batch-specific is only the input side: a survey
repeats the same few values in every row, so each question remembers what each raw value
validates to, and a plainly valid response is checked in one pass (`quick`, `quick_row`);
anything else goes through `validate_answers` for the very error `assess` would give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from outsource_advisor.batch.results import Verdict
from outsource_advisor.engine.scoring import (
    budget_short,
    choose,
    confidence,
    decisive_rules,
    option_cost,
    plan_for,
    rule_warnings,
    runner_up,
    scored_answers,
    sum_scores,
)
from outsource_advisor.model.answers import NAME_MAX, Answers, settle
from outsource_advisor.model.compiled import CompiledQuestion, InvalidAnswer, compiled_of
from outsource_advisor.model.questionnaire import Questionnaire, TextQuestion
from outsource_advisor.model.vocabulary import Decision

if TYPE_CHECKING:
    from outsource_advisor.batch.columns import ColumnPlan

_MEMO_LIMIT = 4096
_ENVELOPE_KEYS = frozenset(
    {"questionnaire", "questionnaire_version", "respondent", "date", "interviewer", "complete", "answers"}
)
_TEXT_KEYS = ("questionnaire_version", "date", "interviewer")
_NO_ANSWERS: dict[str, Any] = {}
_MISS: Any = object()
INVALID: Any = object()  # a value its question refuses: the slow path says why


def _long_or_not_text(value: Any) -> bool:
    return value is not None and (type(value) is not str or len(value) > NAME_MAX)


def verdict_of(q: Questionnaire, answers: Answers) -> Verdict:
    """What `engine.scoring.score` decides for these answers, without building the report."""
    compiled, values = compiled_of(q), answers.values
    shown = compiled.visible(values)
    forbidden, required = decisive_rules(compiled, values)
    choice = choose(sum_scores(compiled, scored_answers(shown, values)), forbidden, required)
    rec, scores = choice.recommendation, choice.scores
    plan = plan_for(q, values, rec)
    by_decision: dict[Decision, list[str]] = {Decision.DELEGATE: [], Decision.SHARE: [], Decision.KEEP: []}
    for activity, decision, _ in plan:
        by_decision[decision].append(activity.id)
    codes = [spec.code for spec in rule_warnings(q, values, rec)]
    budget_code = q.costs.budget_warning.code if q.costs.budget_warning is not None else None
    if budget_code is not None and budget_code not in codes:
        fees = option_cost(q, values, answers.assumptions, plan, rec).agency_fees_per_month
        if budget_short(q, values, fees) is not None:
            codes.append(budget_code)
    second = runner_up(scores, rec, forbidden)
    return Verdict(
        rec,
        (scores["in_house"], scores["hybrid"], scores["outsourced"]),
        round(scores[rec] - scores[second], 2),
        confidence(q, values, shown, scores, rec, choice.rivals),
        tuple(by_decision[Decision.DELEGATE]),
        tuple(by_decision[Decision.SHARE]),
        tuple(by_decision[Decision.KEEP]),
        tuple(codes),
    )


def _memo_key(raw: Any) -> Any:
    """A key under which a raw answer's validation can be remembered, or None.

    Text is its own key. Numbers and booleans carry their type (`True == 1` must not share a
    result); a float zero is not remembered (`-0.0 == 0.0`, and the sign is kept)."""
    kind = type(raw)
    if kind is str:
        return raw
    if kind is int or kind is bool or (kind is float and raw != 0.0):
        return (kind, raw)
    return None


class _Question:
    """One question's validator with a memory of what each raw value it has seen means."""

    __slots__ = ("id", "memo", "remember", "validate")

    def __init__(self, cq: CompiledQuestion) -> None:
        self.id = cq.id
        self.validate = cq.validate
        self.remember = not isinstance(cq.question, TextQuestion)  # free text rarely repeats
        self.memo: dict[Any, Any] = {}

    def check(self, raw: Any) -> Any:
        """The validated answer, or INVALID."""
        key = _memo_key(raw) if self.remember else None
        if key is not None:
            found = self.memo.get(key, _MISS)
            if found is not _MISS:
                return found
        try:
            value = self.validate(raw)
        except InvalidAnswer:
            value = INVALID
        if key is not None and len(self.memo) < _MEMO_LIMIT:
            self.memo[key] = value
        return value


class Verdicts:
    """Verdicts for one questionnaire: build once per run (and per worker process)."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.q = questionnaire
        self.by_id = {cq.id: _Question(cq) for cq in compiled_of(questionnaire).questions}
        # What each distinct cell of a column came to, per column plan (by its token: a worker
        # receives a new copy of the same plan with every chunk) and per column.
        self._cells: dict[str, tuple[dict[str, Any], ...]] = {}

    def of(self, answers: Answers) -> Verdict:
        """The verdict `engine.scoring.score` would give these validated answers."""
        return verdict_of(self.q, answers)

    def quick(self, data: Any) -> tuple[str | None, Verdict] | None:
        """The respondent and verdict of a parsed answers file that is plainly valid, checked
        in one pass; None when anything would need a message or a closer look (then
        `validate_answers` gives the very answers, or the error, `assess` would)."""
        if type(data) is not dict or not data.keys() <= _ENVELOPE_KEYS:
            return None
        raw = data.get("answers", _NO_ANSWERS)
        respondent = data.get("respondent")
        named = data.get("questionnaire")
        if (
            type(raw) is not dict
            or _long_or_not_text(respondent)
            or (named is not None and named != self.q.id)
            or any(_long_or_not_text(data.get(k)) for k in _TEXT_KEYS)
            or (data.get("complete") is not None and type(data["complete"]) is not bool)
        ):
            return None
        by_id = self.by_id
        values: dict[str, Any] = {}
        for qid, answer in raw.items():
            question = by_id.get(qid) if type(qid) is str else None
            if question is None:
                return None
            if answer is None:
                continue
            value = question.check(answer)
            if value is INVALID:
                return None
            values[qid] = value
        return self._settled(respondent, values, raw)

    def quick_row(self, plan: ColumnPlan, cells: list[str]) -> tuple[str | None, Verdict] | None:
        """`quick` for a CSV row read through a column plan, without building the envelope.
        Each column remembers what its distinct cells mean (but not free text, which rarely
        repeats)."""
        if len(cells) != plan.width:
            return None
        memos = self._cells.get(plan.token)
        if memos is None:
            memos = self._cells[plan.token] = tuple({} for _ in plan.cells)
        values: dict[str, Any] = {}
        for cell, memo in zip(plan.cells, memos, strict=True):
            text = cells[cell.index]
            value = memo.get(text, _MISS)
            if value is _MISS:
                question = self.by_id[cell.question]
                answer = cell.value(text)
                value = None if answer is None else question.check(answer)
                if question.remember and len(memo) < _MEMO_LIMIT:
                    memo[text] = value
            if value is None:
                continue
            if value is INVALID:
                return None
            values[cell.question] = value
        respondent = cells[plan.respondent].strip() or None if plan.respondent is not None else None
        if respondent is not None and len(respondent) > NAME_MAX:
            return None
        return self._settled(respondent, values, plan.questions)

    def _settled(self, respondent: str | None, values: dict[str, Any], given: Any) -> tuple[str | None, Verdict] | None:
        """As `validate_answers`: keep the answers to questions shown; a shown, required
        question absent from the input is an error (None: the slow path reports it), one given
        empty is just not answered."""
        answers = settle(self.q, values)
        if any(qid not in given for qid in answers.missing):
            return None
        return respondent, verdict_of(self.q, answers)
