"""The verdict of one response: what a batch row shows, computed without the full report.

`engine.score` builds a complete `Assessment` (every contribution with its reason in words,
the plan and costs of all three outcomes, readiness, warning texts). A batch row shows only the
recommendation, the three scores, the margin, the confidence, the activities delegated,
shared and kept, and the warning codes. `Verdicts` computes exactly those, with the engine's
own selection functions and per-questionnaire tables built once, so a large batch does not
pay for text nobody reads. A property test checks it against `engine.score` field by field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from outsource_advisor.answers import Answers
from outsource_advisor.assessment import Assessment
from outsource_advisor.compiled import CompiledQuestion
from outsource_advisor.conditions import OUTCOMES, UNKNOWN
from outsource_advisor.costs import estimate
from outsource_advisor.engine import _choose, _Context, _number_answer, _plan, _runner_up, _scaled
from outsource_advisor.questionnaire import Decision, Questionnaire

_MEMO_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Verdict:
    """The fields of an assessment that a batch row shows."""

    recommendation: str
    scores: tuple[float, float, float]
    margin: float
    confidence: float
    delegated: tuple[str, ...]
    shared: tuple[str, ...]
    kept: tuple[str, ...]
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, assessment: Assessment) -> Verdict:
        """The same fields, taken from a full assessment."""
        return cls(
            recommendation=assessment.recommendation,
            scores=(assessment.scores["in_house"], assessment.scores["hybrid"], assessment.scores["outsourced"]),
            margin=assessment.margin,
            confidence=assessment.confidence,
            delegated=tuple(assessment.decided(Decision.DELEGATE)),
            shared=tuple(assessment.decided(Decision.SHARE)),
            kept=tuple(assessment.decided(Decision.KEEP)),
            warnings=tuple(assessment.warning_codes),
        )


class _Scored:
    """One scored question, with what the verdict needs of it precomputed."""

    __slots__ = ("cq", "id", "leads", "memo", "swing")

    def __init__(self, cq: CompiledQuestion) -> None:
        self.cq = cq
        self.id = cq.id
        self.swing = cq.swing
        self.leads = [[cq.worst_lead(a, b) for b in range(3)] for a in range(3)]
        self.memo: dict[Any, tuple[float, float, float] | None] = {}

    def points(self, value: Any, scale: float) -> tuple[float, float, float] | None:
        """The scaled points of an answer, as the engine's contribution holds them."""
        key = tuple(value) if isinstance(value, list) else value
        try:
            return self.memo[key]
        except KeyError:
            pass
        except TypeError:  # pragma: no cover - validated answers are always hashable once listed
            key = None
        assert self.cq.score is not None
        scored = self.cq.score(value)
        points = None
        if scored is not None:
            scaled = _scaled(scored[0], scale)
            points = (scaled["in_house"], scaled["hybrid"], scaled["outsourced"])
        if key is not None and len(self.memo) < _MEMO_LIMIT:
            self.memo[key] = points
        return points


class Verdicts:
    """Verdicts for one questionnaire: build once per run (and per worker process)."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.q = questionnaire
        self.compiled = questionnaire.compiled
        self.scale = self.compiled.scale
        self.scored = {cq.id: _Scored(cq) for cq in self.compiled.questions if cq.score is not None}
        self.decisive = [cr for cr in self.compiled.rules if cr.rule.forbid or cr.rule.require is not None]
        self.warning_rules = [cr for cr in self.compiled.rules if cr.rule.warn is not None]
        self.margin_for_full = questionnaire.confidence.margin_for_full

    def of(self, answers: Answers) -> Verdict:
        """The verdict `engine.score` would give these validated answers."""
        values = answers.values
        shown = [self.scored[cq.id] for cq in self.compiled.visible(values) if cq.id in self.scored]
        scores = self._scores(values, shown)
        forbidden: dict[str, Any] = {}
        required: list[Any] = []
        for cr in self.decisive:
            if not cr.check(values, None):
                continue
            for outcome in cr.rule.forbid:
                forbidden.setdefault(outcome.value, (cr.rule, None))
            if cr.rule.require is not None:
                required.append((cr.rule.require.value, cr.rule, None))
        recommendation, _, rivals = _choose(scores, forbidden, required)
        runner_up = _runner_up(scores, recommendation, forbidden)
        ctx = _Context(self.q, answers, None)
        plan = _plan(ctx, recommendation)
        by_decision: dict[Decision, list[str]] = {Decision.DELEGATE: [], Decision.SHARE: [], Decision.KEEP: []}
        for activity, decision, _ in plan:
            by_decision[decision].append(activity.id)
        return Verdict(
            recommendation=recommendation,
            scores=(scores["in_house"], scores["hybrid"], scores["outsourced"]),
            margin=round(scores[recommendation] - scores[runner_up], 2),
            confidence=self._confidence(values, shown, scores, recommendation, rivals),
            delegated=tuple(by_decision[Decision.DELEGATE]),
            shared=tuple(by_decision[Decision.SHARE]),
            kept=tuple(by_decision[Decision.KEEP]),
            warnings=self._warnings(ctx, recommendation, plan),
        )

    def _scores(self, values: dict[str, Any], shown: list[_Scored]) -> dict[str, float]:
        # The same terms, in the same order, as the engine's contributions: the sums match exactly.
        terms: list[tuple[float, float, float]] = [(50.0, 50.0, 50.0)]
        for sq in shown:
            if sq.id not in values:
                continue
            value = values[sq.id]
            if value == UNKNOWN:
                terms.append((0.0, 0.0, 0.0))
                continue
            points = sq.points(value, self.scale)
            if points is not None:
                terms.append(points)
        return {o: round(sum(t[i] for t in terms), 2) for i, o in enumerate(OUTCOMES)}

    def _warnings(self, ctx: _Context, recommendation: str, plan: Any) -> tuple[str, ...]:
        codes: dict[str, None] = {}
        for cr in self.warning_rules:
            code = cr.rule.warn.code  # type: ignore[union-attr]
            if code not in codes and cr.check(ctx.values, recommendation):
                codes[code] = None
        model = self.q.costs
        spec = model.budget_warning
        if spec is not None and spec.code not in codes:
            budget = _number_answer(ctx, model.inputs.budget)
            if budget is not None:
                horizon = _number_answer(ctx, model.inputs.horizon_months)
                cost = estimate(
                    model,
                    [(activity, decision) for activity, decision, _ in plan],
                    works_with_agency=recommendation != "in_house",
                    units=_number_answer(ctx, model.inputs.units),
                    hourly_cost=_number_answer(ctx, model.inputs.hourly_cost),
                    horizon_months=horizon if horizon is not None else float(model.default_horizon_months),
                )
                if budget < cost.agency_fees_per_month:
                    codes[spec.code] = None
        return tuple(codes)

    def _confidence(
        self,
        values: dict[str, Any],
        shown: list[_Scored],
        scores: dict[str, float],
        recommendation: str,
        rivals: list[str],
    ) -> float:
        # engine._confidence, with each question's swing and worst leads looked up, not recomputed.
        total = answered = 0.0
        open_questions: list[_Scored] = []
        for sq in shown:
            total += sq.swing
            value = values.get(sq.id)
            if value is None or value == UNKNOWN:
                open_questions.append(sq)
            else:
                answered += sq.swing
        coverage = answered / total if total else 1.0
        if not rivals:
            return round(coverage, 2)
        rec = OUTCOMES.index(recommendation)
        worst = min(
            scores[recommendation]
            - scores[rival]
            + self.scale * sum(sq.leads[rec][OUTCOMES.index(rival)] for sq in open_questions)
            for rival in rivals
        )
        closeness = 0.5 + 0.5 * min(1.0, max(0.0, worst) / self.margin_for_full)
        return round(coverage * closeness, 2)
