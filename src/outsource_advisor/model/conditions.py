"""Conditions: when a question is shown, when a rule applies.

A condition is plain data in the questionnaire, for example
`{question: monthly_budget, at_most: 0}` or `{all: [..., ...]}`. A condition about a question
that was not answered, or answered `unknown`, is false: a rule never fires on a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from outsource_advisor.model.vocabulary import OUTCOMES, UNKNOWN, is_number

Scalar = str | bool | int | float
Values = Mapping[str, Any]
Check = Callable[[Values, str | None], bool]

_COMPARATORS = ("equals", "in_", "includes", "at_least", "at_most", "above", "below")


class Condition(BaseModel):
    """One test on the answers (or, for rules about the result, on the outcome)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    question: str | None = None
    equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    includes: str | None = None
    at_least: float | None = None
    at_most: float | None = None
    above: float | None = None
    below: float | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    outcome: list[str] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [name for name in ("question", "all", "any", "not_", "outcome") if getattr(self, name) is not None]
        if len(forms) != 1:
            raise ValueError("a condition needs exactly one of: question, all, any, not, outcome")
        used = [c for c in _COMPARATORS if getattr(self, c) is not None]
        if self.question is not None and not used:
            raise ValueError(
                "a condition on a question needs a test: equals, in, includes, at_least, at_most, above or below"
            )
        if self.question is None and used:
            raise ValueError("tests like equals or in go with 'question'")
        if self.outcome is not None:
            bad = [o for o in self.outcome if o not in OUTCOMES]
            if bad:
                raise ValueError(f"unknown outcome {bad[0]!r}; allowed: {', '.join(OUTCOMES)}")
        return self

    def comparators(self) -> list[str]:
        return [c.rstrip("_") for c in _COMPARATORS if getattr(self, c) is not None]

    def walk(self) -> Iterator[Condition]:
        """This condition and every condition nested in it."""
        yield self
        for child in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            yield from child.walk()

    def questions(self) -> set[str]:
        return {c.question for c in self.walk() if c.question is not None}

    def uses_outcome(self) -> bool:
        return any(c.outcome is not None for c in self.walk())


def compile_condition(cond: Condition) -> Check:
    """Turn a condition into a fast function of (answer values, outcome).

    The condition becomes the source of one Python function (one expression, no nested
    calls), compiled once; every name in it is ours and every value the questionnaire gives is
    passed in by reference, never written into the source. A condition too deep for that
    becomes nested closures instead. Both decide exactly as `_same` and the tests read."""
    if _depth(cond) <= _GENERATED_DEPTH:
        return _generate(cond)
    return _compile_closure(cond)


_GENERATED_DEPTH = 24


def _depth(cond: Condition) -> int:
    children = (cond.all or []) + (cond.any or []) + ([cond.not_] if cond.not_ is not None else [])
    return 1 + max((_depth(c) for c in children), default=0)


def _generate(cond: Condition) -> Check:
    namespace = _namespace()
    return _define(f"({_expression(cond, namespace)})", namespace)


def _namespace() -> dict[str, Any]:
    return {"UNKNOWN": UNKNOWN, "same_as_any": _same_as_any, "NUMBER": (int, float)}


def _define(expression: str, namespace: dict[str, Any]) -> Callable[[Values, str | None], Any]:
    source = f"def check(v, o):\n    return {expression}\n"
    # Safe: the source holds only names made here; the questionnaire's values are in `namespace`.
    exec(compile(source, "<condition>", "exec"), namespace)
    return namespace["check"]  # type: ignore[no-any-return]


def _name(namespace: dict[str, Any], value: Any) -> str:
    name = f"_{len(namespace)}"
    namespace[name] = value
    return name


def _expression(cond: Condition, ns: dict[str, Any]) -> str:
    if cond.all is not None:
        return "(" + " and ".join(_expression(c, ns) for c in cond.all) + ")" if cond.all else "True"
    if cond.any is not None:
        return "(" + " or ".join(_expression(c, ns) for c in cond.any) + ")" if cond.any else "False"
    if cond.not_ is not None:
        return f"(not {_expression(cond.not_, ns)})"
    if cond.outcome is not None:
        return f"(o in {_name(ns, frozenset(cond.outcome))})"
    # An atom: the answer, then every test on it. `x` is reassigned by each atom before use.
    tests = [f"(x := v.get({_name(ns, cond.question)})) is not None", "x != UNKNOWN"]
    groups = ([[cond.equals]] if cond.equals is not None else []) + ([list(cond.in_)] if cond.in_ is not None else [])
    for allowed in groups:
        texts = _name(ns, frozenset(a for a in allowed if isinstance(a, str)))
        flags = _name(ns, frozenset(a for a in allowed if isinstance(a, bool)))
        numbers = _name(ns, frozenset(a for a in allowed if is_number(a)))
        every = _name(ns, list(allowed))
        tests.append(
            f"(x in {texts} if type(x) is str else x in {flags} if type(x) is bool else "
            f"x in {numbers} if type(x) is int or type(x) is float else same_as_any(x, {every}))"
        )
    if cond.includes is not None:
        tests.append(f"(isinstance(x, list) and {_name(ns, cond.includes)} in x)")
    bounds = [
        f"x {op} {_name(ns, bound)}"
        for op, bound in ((">=", cond.at_least), ("<=", cond.at_most), (">", cond.above), ("<", cond.below))
        if bound is not None
    ]
    if bounds:
        tests.append("(isinstance(x, NUMBER) and not isinstance(x, bool) and " + " and ".join(bounds) + ")")
    return "(" + " and ".join(tests) + ")"


def _compile_closure(cond: Condition) -> Check:
    """The same decision as nested closures (for conditions nested too deep to generate)."""
    if cond.all is not None:
        parts = [_compile_closure(c) for c in cond.all]
        if len(parts) == 2:
            first, second = parts
            return lambda v, o: first(v, o) and second(v, o)
        return lambda v, o: all(p(v, o) for p in parts)
    if cond.any is not None:
        parts = [_compile_closure(c) for c in cond.any]
        if len(parts) == 2:
            first, second = parts
            return lambda v, o: first(v, o) or second(v, o)
        return lambda v, o: any(p(v, o) for p in parts)
    if cond.not_ is not None:
        inner = _compile_closure(cond.not_)
        return lambda v, o: not inner(v, o)
    if cond.outcome is not None:
        outcomes = frozenset(cond.outcome)
        return lambda v, o: o in outcomes
    return _compile_atom(cond)


def _one_of(allowed: list[Scalar]) -> Callable[[Any], bool]:
    """`_same(x, a)` for any `a` in `allowed`, as set lookups split by kind: text matches text,
    a boolean matches a boolean, and a number matches an equal number of either type."""
    texts = frozenset(a for a in allowed if isinstance(a, str))
    flags = frozenset(a for a in allowed if isinstance(a, bool))
    numbers = frozenset(a for a in allowed if is_number(a))

    def test(x: Any) -> bool:
        kind = type(x)
        if kind is str:
            return x in texts
        if kind is bool:
            return x in flags
        if kind is int or kind is float:
            return x in numbers
        return any(_same(x, a) for a in allowed)

    return test


def _compile_atom(cond: Condition) -> Check:
    qid = cond.question
    tests: list[Callable[[Any], bool]] = []
    if cond.equals is not None:
        tests.append(_one_of([cond.equals]))
    if cond.in_ is not None:
        tests.append(_one_of(list(cond.in_)))
    if cond.includes is not None:
        item = cond.includes
        tests.append(lambda x: isinstance(x, list) and item in x)
    bounds: list[Callable[[Any], bool]] = []
    if cond.at_least is not None:
        lo = cond.at_least
        bounds.append(lambda x: x >= lo)
    if cond.at_most is not None:
        hi = cond.at_most
        bounds.append(lambda x: x <= hi)
    if cond.above is not None:
        gt = cond.above
        bounds.append(lambda x: x > gt)
    if cond.below is not None:
        lt = cond.below
        bounds.append(lambda x: x < lt)
    if len(bounds) == 1:
        (bound,) = bounds
        tests.append(lambda x: is_number(x) and bound(x))
    elif bounds:
        tests.append(lambda x: is_number(x) and all(b(x) for b in bounds))

    if len(tests) == 1:
        (only,) = tests

        def check_one(values: Values, outcome: str | None) -> bool:
            value = values.get(qid)  # type: ignore[arg-type]
            if value is None or value == UNKNOWN:
                return False
            return only(value)

        return check_one

    def check(values: Values, outcome: str | None) -> bool:
        value = values.get(qid)  # type: ignore[arg-type]
        if value is None or value == UNKNOWN:
            return False
        return all(t(value) for t in tests)

    return check


def _same_as_any(x: Any, allowed: list[Scalar]) -> bool:
    return any(_same(x, a) for a in allowed)


def _same(x: Any, y: Any) -> bool:
    """Equal and of the same kind: `True` is not `1`, but `5` is `5.0`."""
    if is_number(x) and is_number(y):
        return bool(x == y)
    return type(x) is type(y) and x == y
