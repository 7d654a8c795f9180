"""How fast `outsource-advisor batch` is, next to the floor of merely reading its inputs.

    python benchmarks/bench_batch.py [--files 10000] [--rows 100000] [--runs 5] [--dir DIR]

Generates, in a temporary folder outside the repository (or in `--dir`), 10,000 answers files
and a 100,000-row CSV of valid, varied responses to the shipped questionnaire. Then it times,
each as a fresh process, median of `--runs` runs interleaved so that a noisy machine hurts
all alike:

- the floor for the files: walking them and loading each with PyYAML's C loader alone
  (`yaml.CSafeLoader`), and `batch` on the same folder (one process, then `--jobs 2`);
- the floor for the CSV: reading it with `csv.DictReader` alone, and `batch` on it (one
  process, then `--jobs 2`);
- peak memory (RSS) of `batch` on 10,000 and on 100,000 CSV rows: it should not grow;
- the cold start of `outsource-advisor --help` and of one `assess`.

It prints responses per second, the ratios to the floors, and whether each target is met.
Every `batch` run writes CSV to a file (`-f csv -o ...`), as an analyst would.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from outsource_advisor.files.loading import load_questionnaire
from outsource_advisor.model.questionnaire import BooleanQuestion, MultiChoice, NumberQuestion, SingleChoice

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bakery.yaml"

# The targets of issue 4, on a 2-core machine.
FILES_RATIO = 1.3
CSV_RATIO = 6.0
HELP_SECONDS = 0.3
ASSESS_SECONDS = 0.4

FLOOR_FILES = """
import os, sys, yaml
def walk(folder):
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_dir():
            yield from walk(entry.path)
        elif entry.name.endswith((".yaml", ".yml", ".json")):
            yield entry.path
n = 0
for path in walk(sys.argv[1]):
    with open(path, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    n += 1
print(n)
"""

FLOOR_CSV = """
import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8-sig") as handle:
    for row in csv.DictReader(handle):
        n += 1
print(n)
"""


def command() -> list[str]:
    script = Path(sys.executable).parent / "outsource-advisor"
    return [str(script)] if script.exists() else [sys.executable, "-m", "outsource_advisor"]


# ---------------------------------------------------------------------------------------------
# Data


# Numbers as people answer them: mostly round figures, now and then anything in the range.
ROUND_NUMBERS = {
    "channels": [1, 2, 2, 3, 3, 4, 5, 6, 8],
    "internal_hours_per_week": [0, 0.5, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 40],
    "campaign_duration_months": [1, 2, 3, 6, 6, 12, 12, 18, 24, 36],
    "weeks_to_launch": [0, 1, 2, 3, 4, 6, 8, 12, 16, 26, 52],
    "monthly_budget": [0, 0, 100, 200, 250, 300, 400, 500, 800, 1000, 1500, 2000, 3000, 5000],
    "internal_hourly_cost": [15, 18, 20, 22, 25, 28, 30, 35, 40, 50, 60],
}


def _value(rng: random.Random, q: Any, question: Any) -> Any:
    if isinstance(question, SingleChoice):
        return rng.choice([o.value for o in question.options])
    if isinstance(question, MultiChoice):
        values = [o.value for o in q.options_of(question)]
        return rng.sample(values, rng.randint(max(1, question.min_selected), min(6, len(values))))
    if isinstance(question, NumberQuestion):
        lo = int(question.min if question.min is not None else 0)
        hi = min(int(question.max if question.max is not None else 5000), lo + 5000)
        common = ROUND_NUMBERS.get(question.id)
        if common and rng.random() < 0.9:
            return rng.choice(common)
        return rng.randint(lo, hi) if question.integer or rng.random() < 0.7 else round(rng.uniform(lo, hi), 1)
    if isinstance(question, BooleanQuestion):
        return rng.random() < 0.5
    return f"Company {rng.randint(1, 10**6)}"


def responses(count: int, seed: int = 4) -> list[tuple[str, dict[str, Any]]]:
    q = load_questionnaire()
    rng = random.Random(seed)
    out = []
    for i in range(count):
        answers = {}
        for qid, question in q.questions.items():
            answers[qid] = "unknown" if rng.random() < 0.03 and qid != "company_name" else _value(rng, q, question)
        out.append((f"Respondent {i:06d}", answers))
    return out


def write_files(folder: Path, count: int) -> None:
    """Answers files like a consultant's, 1,000 per sub-folder (a YAML file, now and then JSON)."""
    import json

    for i, (who, answers) in enumerate(responses(count)):
        sub = folder / f"batch-{i // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        doc = {
            "questionnaire": "social-media",
            "questionnaire_version": "1.0",
            "respondent": who,
            "date": "2026-11-02",
            "interviewer": "G. Verdi",
            "answers": answers,
        }
        if i % 10 == 9:
            (sub / f"r{i:06d}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
        else:
            text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=None)
            (sub / f"r{i:06d}.yaml").write_text(text, encoding="utf-8")


def write_csv(path: Path, count: int) -> None:
    q = load_questionnaire()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", *q.questions])
        for who, answers in responses(count, seed=5):
            cells = []
            for value in answers.values():
                if isinstance(value, list):
                    cells.append(";".join(value))
                elif isinstance(value, bool):
                    cells.append("yes" if value else "no")
                else:
                    cells.append(value)
            writer.writerow([who, *cells])


# ---------------------------------------------------------------------------------------------
# Measuring


def run_rss(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS in KiB (os.wait4 reports the child's own maximum)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}")
    return elapsed, int(usage.ru_maxrss)


def medians(cases: dict[str, Callable[[], float]], runs: int) -> dict[str, float]:
    """Run every case `runs` times, interleaved, and keep the median of each."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, case in cases.items():
            times[name].append(case())
    return {name: statistics.median(values) for name, values in times.items()}


def timed(argv: list[str], cwd: Path) -> Callable[[], float]:
    return lambda: run_rss(argv, cwd)[0]


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (the median is kept)")
    parser.add_argument("--cold-runs", type=int, default=15, help="runs of each cold start")
    parser.add_argument("--dir", type=Path, help="where to put the data (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    args = parser.parse_args()

    base = args.dir or Path(tempfile.mkdtemp(prefix="outsource-advisor-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    if base.resolve().is_relative_to(ROOT):
        raise SystemExit(f"{base}: generate the data outside the repository")
    files, big, small, out = base / "answers", base / "survey.csv", base / "survey-10k.csv", base / "out"
    try:
        prepare(args, files, big, small, out)
        report(args, files, big, small, out)
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(base, ignore_errors=True)


def prepare(args: argparse.Namespace, files: Path, big: Path, small: Path, out: Path) -> None:
    out.mkdir(exist_ok=True)
    if not files.is_dir():
        print(f"generating {args.files} answers files in {files} ...", flush=True)
        write_files(files, args.files)
    if not big.is_file():
        print(f"generating a {args.rows}-row CSV in {big} ...", flush=True)
        write_csv(big, args.rows)
    if not small.is_file():
        with big.open(encoding="utf-8", newline="") as src, small.open("w", encoding="utf-8", newline="") as dst:
            for i, line in enumerate(src):
                if i > min(10_000, args.rows):
                    break
                dst.write(line)


def report(args: argparse.Namespace, files: Path, big: Path, small: Path, out: Path) -> None:
    cmd, py = command(), sys.executable
    cwd = out
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, libyaml: {yaml.__with_libyaml__}")
    print(f"command: {' '.join(cmd)}\n")

    def batch(target: Path, jobs: int) -> list[str]:
        return [*cmd, "batch", str(target), "-f", "csv", "-o", str(out / "results.csv"), "--jobs", str(jobs)]

    n_files, n_rows = args.files, args.rows
    t = medians(
        {
            "files floor": timed([py, "-c", FLOOR_FILES, str(files)], cwd),
            "files batch": timed(batch(files, 1), cwd),
            "files batch -j2": timed(batch(files, 2), cwd),
            "csv floor": timed([py, "-c", FLOOR_CSV, str(big)], cwd),
            "csv batch": timed(batch(big, 1), cwd),
            "csv batch -j2": timed(batch(big, 2), cwd),
        },
        args.runs,
    )
    rss_small = min(run_rss(batch(small, 1), cwd)[1] for _ in range(3))
    rss_big = min(run_rss(batch(big, 1), cwd)[1] for _ in range(3))
    cold = medians(
        {
            "--help": timed([*cmd, "--help"], cwd),
            "assess": timed([*cmd, "assess", str(EXAMPLE)], cwd),
        },
        args.cold_runs,
    )

    def line(name: str, seconds: float, count: int, floor: float | None = None) -> None:
        ratio = f"{seconds / floor:5.2f}x floor" if floor else ""
        print(f"  {name:24s} {seconds:7.2f} s  {count / seconds:9,.0f} responses/s  {ratio}")

    print(f"{n_files} answers files (median of {args.runs} runs)")
    line("C loader alone (floor)", t["files floor"], n_files)
    line("batch", t["files batch"], n_files, t["files floor"])
    line("batch --jobs 2", t["files batch -j2"], n_files, t["files floor"])
    print(f"\n{n_rows}-row CSV (median of {args.runs} runs)")
    line("csv.DictReader (floor)", t["csv floor"], n_rows)
    line("batch", t["csv batch"], n_rows, t["csv floor"])
    line("batch --jobs 2", t["csv batch -j2"], n_rows, t["csv floor"])
    small_rows = min(10_000, n_rows)
    print(f"\npeak memory of batch: {rss_small / 1024:.0f} MiB for {small_rows} rows,", end=" ")
    print(f"{rss_big / 1024:.0f} MiB for {n_rows}")
    print(f"\ncold start (median of {args.cold_runs} runs)")
    print(f"  --help                   {cold['--help']:7.3f} s")
    print(f"  assess (one file)        {cold['assess']:7.3f} s")

    files_ratio = t["files batch"] / t["files floor"]
    csv_ratio = t["csv batch"] / t["csv floor"]
    print("\ntargets")
    print(f"  files  <= {FILES_RATIO}x floor:  {files_ratio:.2f}x  {verdict(files_ratio <= FILES_RATIO)}")
    print(f"  CSV    <= {CSV_RATIO}x floor:  {csv_ratio:.2f}x  {verdict(csv_ratio <= CSV_RATIO)}")
    print(f"  --help <  {HELP_SECONDS} s:         {cold['--help']:.3f}  {verdict(cold['--help'] < HELP_SECONDS)}")
    print(f"  assess <  {ASSESS_SECONDS} s:         {cold['assess']:.3f}  {verdict(cold['assess'] < ASSESS_SECONDS)}")
    print(f"  memory flat (100k vs 10k rows): {rss_big / rss_small:.2f}x  {verdict(rss_big < rss_small * 1.25)}")
    for name, floor in (("files", "files"), ("csv", "csv")):
        gain = t[f"{name} batch"] / t[f"{floor} batch -j2"]
        print(f"  --jobs 2 on the {name}: {gain:.2f}x as fast as one process")


if __name__ == "__main__":
    main()
