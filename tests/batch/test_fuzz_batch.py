"""Fuzzing what `batch` reads: CSV rows, JSONL lines and column mappings. Whatever comes in,
every response ends as a result row (scored, or failed with its place), the exit code is one
the README documents, and nothing ends in a traceback."""

from __future__ import annotations

import copy
import csv
import io
import json
import random
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import BASE, EXAMPLES, QUESTIONNAIRE, csv_cell, junk
from outsource_advisor.cli.app import app
from outsource_advisor.errors import ExitCode

runner = CliRunner()
BATCH_EXITS = {ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.SOME_FAILED}
QIDS = list(QUESTIONNAIRE.questions)
# Each example runs the whole command in process (about 20 ms): 60 in CI, more under the
# `deep` profile (HYPOTHESIS_PROFILE=deep), which this scales with.
FUZZ = settings(
    max_examples=max(60, settings.default.max_examples // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Cells an export might hold: valid answers, near misses, spreadsheet formulas, quoting and
# delimiter trouble, control characters, very long text.
CELLS = st.one_of(
    st.sampled_from([csv_cell(v) for v in BASE.values()]),
    st.sampled_from(["", " ", "unknown", "Sì", "yes;no", "1,5", "-3", "1e400", "nan", "=HYPERLINK(1)", "+1", "@x"]),
    st.sampled_from(['"', '""', "a\nb", "a\r\nb", ";;", ",", "\t", "\x00", "\x1b[31m", "\ud800", "x" * 5000]),
    st.text(max_size=12),
)
HEADERS = st.lists(st.sampled_from([*QIDS, "respondent", "", "Timestamp", "channels", "x"]), min_size=1, max_size=25)


def batch(tmp_path: Path, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    """Run `batch ... -f json` in process: the exit code, the result records, stderr."""
    out = tmp_path / "out.json"
    out.unlink(missing_ok=True)
    result = runner.invoke(app, ["batch", *args, "-f", "json", "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    records = json.loads(out.read_text(encoding="utf-8"))["results"] if out.exists() else []
    return result.exit_code, records, result.stderr


def accounted(records: list[dict[str, Any]], code: int) -> None:
    """Each record is scored or failed with a message, never both, and the exit code says so."""
    for record in records:
        assert (record["recommendation"] is None) == bool(record["error"]), record
    failed = sum(1 for r in records if r["error"])
    if code == ExitCode.OK:
        assert records and not failed
    elif code == ExitCode.SOME_FAILED:
        assert 0 < failed < len(records)
    else:
        assert code == ExitCode.INVALID_INPUT and failed == len(records)


def csv_text(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@FUZZ
@given(HEADERS, st.lists(st.lists(CELLS, max_size=26), max_size=6), st.sampled_from([",", ";", "\t"]))
def test_random_csv_exports(tmp_path: Path, header: list[str], rows: list[list[str]], delimiter: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(header, rows, delimiter).encode("utf-8", "surrogatepass"))
    code, records, _ = batch(tmp_path, str(path))
    assert code in BATCH_EXITS
    if code != ExitCode.INVALID_INPUT:
        accounted(records, code)


@FUZZ
@given(st.lists(CELLS, min_size=len(QIDS), max_size=len(QIDS)), st.integers(0, len(QIDS) - 1))
def test_random_cells_under_a_valid_header(tmp_path: Path, cells: list[str], keep: int) -> None:
    """A row of the right width with some cells swapped for junk: scored or failed, alone."""
    good = [csv_cell(BASE.get(q)) for q in QIDS]
    mixed = [good[i] if i != keep and random.Random(i).random() < 0.5 else c for i, c in enumerate(cells)]
    path = tmp_path / "export.csv"
    text = csv_text(["respondent", *QIDS], [["Good", *good], ["Mixed", *mixed], ["Good too", *good]], ",")
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    code, records, _ = batch(tmp_path, str(path))
    assert code in (ExitCode.OK, ExitCode.SOME_FAILED)
    accounted(records, code)
    assert [r["row"] for r in records] == [2, 3, 4]  # every row, in order, the good ones scored
    assert records[0]["recommendation"] and records[2]["recommendation"]


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["x.csv", "x.jsonl", "x.yaml", "x.json"]))
def test_random_bytes_as_any_input(tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, records, _ = batch(tmp_path, str(path))
    assert code in BATCH_EXITS
    if records:
        accounted(records, code)


lines = st.one_of(
    junk.map(json.dumps),
    st.dictionaries(st.sampled_from([*QIDS, "respondent", "answers"]), junk, max_size=8).map(
        lambda changes: json.dumps({**BASE, **changes})
    ),
    st.text(max_size=30),
)


@FUZZ
@given(st.lists(lines, min_size=1, max_size=6))
def test_random_jsonl_lines(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "lines.jsonl"
    text = "\n".join(t.replace("\n", " ").replace("\r", " ") for t in texts) + "\n"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    code, records, _ = batch(tmp_path, str(path), str(EXAMPLES / "bakery.yaml"))
    assert code in (ExitCode.OK, ExitCode.SOME_FAILED)  # the good file is always scored
    accounted(records, code)
    assert records[-1]["source"].endswith("bakery.yaml") and records[-1]["recommendation"]


_MAPPING_TEXT = (EXAMPLES / "forms-columns.yaml").read_text(encoding="utf-8")
_MAPPING = yaml.safe_load(_MAPPING_TEXT)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in children:
        found += _paths(child, (*path, key))
    return found


_MAPPING_PATHS = _paths(_MAPPING)[1:]


@FUZZ
@given(st.sampled_from(_MAPPING_PATHS), junk)
def test_mutated_column_mappings(tmp_path: Path, path: tuple[Any, ...], replacement: Any) -> None:
    """The shipped mapping with one node replaced by anything: the export is scored, or the
    mapping is refused with its file named (exit 1, nothing written), never a crash."""
    data = copy.deepcopy(_MAPPING)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = replacement
    mapping = tmp_path / "columns.yaml"
    mapping.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    refused_or_scored(tmp_path, mapping)


@FUZZ
@given(junk)
def test_random_documents_as_column_mappings(tmp_path: Path, document: Any) -> None:
    mapping = tmp_path / "columns.yaml"
    mapping.write_text(yaml.safe_dump(document), encoding="utf-8")
    refused_or_scored(tmp_path, mapping)


def refused_or_scored(tmp_path: Path, mapping: Path) -> None:
    """The example export read through a mapping: every row is accounted for; when nothing
    could be scored (a refused mapping, or labels it no longer maps), nothing is written and each
    problem names the mapping or the export's row."""
    export = EXAMPLES / "forms-export.csv"
    code, records, stderr = batch(tmp_path, str(export), "--columns", str(mapping))
    assert code in BATCH_EXITS
    if records:
        accounted(records, code)
    else:
        assert code == ExitCode.INVALID_INPUT
        problems = [line for line in stderr.splitlines() if not line.endswith(" failed")]
        assert problems and all(p.startswith((f"error: {mapping}", f"error: {export}:row ")) for p in problems), stderr


@pytest.mark.parametrize("seed", range(2))
def test_random_exports_through_the_installed_command(
    seed: int, tmp_path: Path, run_installed: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    rng = random.Random(seed)
    paths = []
    for i in range(6):
        path = tmp_path / f"in{i}.{rng.choice(['csv', 'jsonl'])}"
        if rng.random() < 0.4:
            path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(300))))
        else:
            row = [rng.choice([csv_cell(v), "", "=1+1", '"', "\x00", "yes;;no"]) for v in BASE.values()]
            path.write_text(csv_text(["respondent", *BASE], [["R", *row]], ","), encoding="utf-8")
        paths.append(str(path))
    result = run_installed("batch", *paths, str(EXAMPLES / "hotel.json"), "-f", "csv")
    assert result.returncode == ExitCode.SOME_FAILED, result.stderr
    assert "Traceback" not in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[-1]["recommendation"] and all(r["error"] for r in rows if not r["recommendation"])
    for problem in result.stderr.splitlines()[:-1]:
        assert problem.startswith("error: " + str(tmp_path)), problem
