"""What decision support costs per assessment: scoring alone against "what would change the
answer" and the robustness check, over many random valid profiles.

    python benchmarks/bench_decision.py [--profiles 200] [--seed 1]

Prints, for each step, the median over the profiles of its best-of-3 time per assessment, and
its ratio to scoring alone.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from outsource_advisor.engine.advice import robustness, what_would_change
from outsource_advisor.engine.scoring import score
from outsource_advisor.files.loading import load_questionnaire
from outsource_advisor.model.answers import validate_answers
from outsource_advisor.model.questionnaire import (
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    Questionnaire,
    SingleChoice,
)


def random_values(q: Questionnaire, rng: random.Random) -> dict[str, Any]:
    """A valid, complete set of answers."""
    values: dict[str, Any] = {}
    for qid, question in q.questions.items():
        if isinstance(question, SingleChoice):
            values[qid] = rng.choice(question.options).value
        elif isinstance(question, MultiChoice):
            options = [o.value for o in q.options_of(question)]
            values[qid] = rng.sample(options, rng.randint(1, len(options)))
        elif isinstance(question, NumberQuestion):
            lo = question.min or 0
            hi = question.max if question.max is not None else 5000
            number = rng.uniform(lo, hi)
            values[qid] = round(number) if question.integer else round(number, 1)
        elif isinstance(question, BooleanQuestion):
            values[qid] = rng.random() < 0.5
    return values


def best_ms(step: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in ms: the one a noisy machine disturbed least."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    q = load_questionnaire("social-media")
    rng = random.Random(args.seed)
    steps: dict[str, list[float]] = {"score": [], "what_would_change": [], "robustness": []}
    changes = []
    for _ in range(args.profiles):
        answers = validate_answers(q, {"answers": random_values(q, rng)})
        result = score(q, answers)
        rec = result.recommendation
        steps["score"].append(best_ms(lambda a=answers: score(q, a)))
        steps["what_would_change"].append(best_ms(lambda a=answers, r=rec: what_would_change(q, a.values, r, "en")))
        steps["robustness"].append(best_ms(lambda a=answers, r=rec: robustness(q, a.values, r)))
        changes.append(len(what_would_change(q, answers.values, rec, "en")))
    base = statistics.median(steps["score"])
    print(f"{args.profiles} random profiles, median per assessment (best of 3 runs each):")
    for name, times in steps.items():
        med = statistics.median(times)
        print(f"  {name:18s} {med:7.2f} ms   ratio to scoring {med / base:6.1f}x   max {max(times):7.2f} ms")
    total = sum(statistics.median(t) for t in steps.values())
    print(f"  {'all three':18s} {total:7.2f} ms")
    print(f"  changes found per profile: median {statistics.median(changes):.0f}, max {max(changes)}")


if __name__ == "__main__":
    main()
