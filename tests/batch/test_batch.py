"""`outsource-advisor batch`: many responses, one row each, a summary; one bad row never
stops the rest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import BASE, EXAMPLES, QUESTIONNAIRE, csv_cell
from outsource_advisor.batch.formats import BatchFormat
from outsource_advisor.batch.output import FIELDS, FORMATTERS, csv_field, neutralise
from outsource_advisor.batch.results import BatchReport, Result, Source, Verdict
from outsource_advisor.cli.app import app
from outsource_advisor.errors import ExitCode

runner = CliRunner()
QIDS = list(QUESTIONNAIRE.questions)
ANSWERS_EXAMPLES = ["bakery.yaml", "hotel.json", "manufacturer-campaign.yaml", "workshop-no-resources.yaml"]


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """The shipped answers files, alone in a folder."""
    folder = tmp_path / "examples"
    folder.mkdir()
    for name in ANSWERS_EXAMPLES:
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    return folder


def run(*args: str, stdin: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", *args], input=stdin)


def write_csv(path: Path, rows: list[dict[str, Any]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["respondent", *QIDS])
        for row in rows:
            writer.writerow([row.get("respondent", ""), *(csv_cell(row.get(q)) for q in QIDS)])
    return path


def write_answers(path: Path, respondent: str, **changes: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"respondent": respondent, "answers": {**BASE, **changes}}
    path.write_text(json.dumps(doc) if path.suffix == ".json" else yaml.safe_dump(doc), encoding="utf-8")
    return path


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_format_has_a_formatter() -> None:
    assert set(FORMATTERS) == set(BatchFormat)


def test_folders_are_searched_recursively_in_order(tmp_path: Path) -> None:
    write_answers(tmp_path / "b" / "z.yaml", "Zeta")
    write_answers(tmp_path / "a.json", "Alfa")
    write_answers(tmp_path / "b" / "c" / "m.yml", "Emme")
    write_answers(tmp_path / ".hidden" / "h.yaml", "Hidden")
    (tmp_path / "notes.txt").write_text("not answers", encoding="utf-8")
    result = run(str(tmp_path), "-f", "csv")
    assert result.exit_code == ExitCode.OK, result.stderr
    rows = csv_rows(result.stdout)
    assert [r["respondent"] for r in rows] == ["Alfa", "Emme", "Zeta"]
    assert rows[0]["source"] == str(tmp_path / "a.json") and rows[0]["row"] == ""
    assert result.stderr == "3 scored, 0 failed\n"


def test_csv_and_jsonl_responses_name_their_row_and_line(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", [{**BASE, "respondent": "Uno"}, {}, {**BASE, "respondent": "Tre"}])
    lines = tmp_path / "survey.jsonl"
    lines.write_text(
        json.dumps({**BASE, "respondent": "Quattro"})
        + "\n\n"
        + json.dumps({"respondent": "Cinque", "answers": BASE})
        + "\n",
        encoding="utf-8",
    )
    result = run(str(survey), str(lines), "-f", "jsonl")
    assert result.exit_code == ExitCode.OK, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # The blank CSV row (row 3) is skipped; the blank line (line 2) too.
    assert [(r["source"], r["row"], r["respondent"]) for r in records] == [
        (str(survey), 2, "Uno"),
        (str(survey), 4, "Tre"),
        (str(lines), 1, "Quattro"),
        (str(lines), 3, "Cinque"),
    ]
    assert all(r["recommendation"] in {"in_house", "hybrid", "outsourced"} for r in records)


def test_csv_rows_score_like_the_same_answers_file(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", [{**BASE, "respondent": "Forno"}])
    answers = write_answers(tmp_path / "forno.yaml", "Forno")
    result = run(str(survey), str(answers), "-f", "json")
    first, second = json.loads(result.stdout)["results"]
    assert {k: v for k, v in first.items() if k not in ("source", "row")} == {
        k: v for k, v in second.items() if k not in ("source", "row")
    }


@pytest.mark.parametrize("kind", ["csv", "jsonl", "yaml", "json"])
def test_standard_input(tmp_path: Path, kind: str) -> None:
    if kind == "csv":
        text = write_csv(tmp_path / "s.csv", [{**BASE, "respondent": "Uno"}]).read_text(encoding="utf-8")
    elif kind == "jsonl":
        text = json.dumps({**BASE, "respondent": "Uno"}) + "\n"
    elif kind == "json":
        text = json.dumps({"respondent": "Uno", "answers": BASE}, indent=2)
    else:
        text = yaml.safe_dump({"respondent": "Uno", "answers": BASE})
    result = run("-", "-f", "jsonl", stdin=text)
    assert result.exit_code == ExitCode.OK, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["respondent"] == "Uno" and record["source"] == "<stdin>"
    forced = run("-", "-f", "jsonl", "--stdin-format", kind, stdin=text)
    assert forced.stdout == result.stdout


def test_a_bad_row_is_reported_as_assess_would_and_the_rest_is_scored(tmp_path: Path) -> None:
    rows = [{**BASE, "respondent": f"R{i}"} for i in range(5)]
    rows[2]["channels"] = "many"
    survey = write_csv(tmp_path / "survey.csv", rows)
    out = tmp_path / "out.csv"
    result = run(str(survey), "-f", "csv", "-o", str(out))
    assert result.exit_code == ExitCode.SOME_FAILED
    # The same value in an answers file: `assess` says the same thing, about its own place.
    bad = write_answers(tmp_path / "bad.json", "R2", channels="many")
    assessed = runner.invoke(app, ["assess", str(bad)])
    message = assessed.stderr.splitlines()[0].split(": ", 2)[2]
    assert message == "answers.channels: must be a whole number from 1 to 20, or unknown (got 'many')"
    assert result.stderr.splitlines() == [f"error: {survey}:row 4: {message}", "4 scored, 1 failed"]
    written = csv_rows(out.read_text(encoding="utf-8"))
    assert [r["respondent"] for r in written] == ["R0", "R1", "R2", "R3", "R4"]
    assert written[2]["error"] == f"{survey}:row 4: {message}" and written[2]["recommendation"] == ""
    assert all(r["recommendation"] for i, r in enumerate(written) if i != 2)


def test_unreadable_files_fail_alone(tmp_path: Path) -> None:
    good = write_answers(tmp_path / "good.yaml", "Good")
    dup = tmp_path / "dup.yaml"
    dup.write_text("answers:\n  channels: 2\n  channels: 3\n", encoding="utf-8")
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run(str(dup), str(good), str(binary), str(tmp_path / "missing.yaml"), "-f", "csv")
    assert result.exit_code == ExitCode.SOME_FAILED
    errors = [r["error"] for r in csv_rows(result.stdout)]
    assert errors == [
        f"{dup}:3: duplicate key 'channels': the earlier value would be silently lost",
        "",
        f"{binary}: this is a binary file, not a YAML or JSON text file",
        f"{tmp_path / 'missing.yaml'}: no such file",
    ]


def test_nothing_scored_exits_1_and_writes_no_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers: [1, 2\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("the previous results\n", encoding="utf-8")
    result = run(str(bad), "-o", str(out), "-f", "csv")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert out.read_text(encoding="utf-8") == "the previous results\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "out.csv"]  # no temp file left
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run(str(empty))
    assert nothing.exit_code == ExitCode.INVALID_INPUT
    assert "nothing to score" in nothing.stderr


def test_output_file_is_complete_and_no_temp_file_is_left(tmp_path: Path, examples: Path) -> None:
    out = tmp_path / "results" / "out.json"
    out.parent.mkdir()
    result = run(str(examples), "-f", "json", "-o", str(out))
    assert result.exit_code == ExitCode.OK and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["results"]) == 4 and data["summary"]["scored"] == 4
    assert [p.name for p in out.parent.iterdir()] == ["out.json"]
    assert run(str(examples), "-o", str(tmp_path / "nope" / "out.csv")).exit_code == 2


def test_the_output_is_never_an_input(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", [BASE])
    result = run(str(survey), "-f", "csv", "-o", str(survey))
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    # Written inside a folder being read, the output is not read back as an answers file.
    write_answers(tmp_path / "a.json", "A")
    (tmp_path / "results.json").write_text("{}", encoding="utf-8")
    again = run(str(tmp_path), "-f", "json", "-o", str(tmp_path / "results.json"))
    assert again.exit_code == ExitCode.OK, again.stderr
    assert [r["respondent"] for r in json.loads((tmp_path / "results.json").read_text())["results"]] == ["A"]


HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", 'safe, "quoted"\nname']


def test_csv_output_is_safe_in_a_spreadsheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # hostile file names, as given on the command line
    write_answers(Path("=cmd.yaml"), "=1+2")
    write_answers(Path("-x.yaml"), "\tcmd")  # (a CSV cell would lose the tab: names are trimmed)
    write_csv(Path("@s.csv"), [{**BASE, "respondent": name} for name in HOSTILE])
    Path("+bad.yaml").write_text("answers: {channels: '=bad'}\n", encoding="utf-8")
    result = run("-f", "csv", "--", "=cmd.yaml", "-x.yaml", "@s.csv", "+bad.yaml")
    assert result.exit_code == ExitCode.SOME_FAILED, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(FIELDS) and len(rows) == 1 + 2 + len(HOSTILE) + 1
    text_columns = [FIELDS.index(name) for name in ("source", "respondent", "error")]
    for row in rows[1:]:
        for i in text_columns:
            assert not row[i].startswith(("=", "+", "-", "@", "\t", "\r")), row[i]
        if row[FIELDS.index("recommendation")]:
            for name in ("in_house", "hybrid", "outsourced", "margin", "confidence"):
                float(row[FIELDS.index(name)])  # our numbers stay numbers
    assert [row[0] for row in rows[1:]] == ["'=cmd.yaml", "'-x.yaml", *["'@s.csv"] * len(HOSTILE), "'+bad.yaml"]
    respondents = [row[2] for row in rows[1:]]
    assert respondents[:2] == ["'=1+2", "'\tcmd"] and "'+1+1" in respondents and "'@SUM(A1)" in respondents
    assert 'safe, "quoted"\nname' in respondents  # quoting keeps the rest intact
    assert rows[-1][FIELDS.index("error")].startswith("'+bad.yaml:1: answers.channels: must be")


def test_neutralise_and_csv_fields() -> None:
    assert [neutralise(t) for t in ("=a", "+a", "-a", "@a", "\ta", "\ra", "a=", " =a", "")] == [
        "'=a", "'+a", "'-a", "'@a", "'\ta", "'\ra", "a=", " =a", "",
    ]  # fmt: skip
    for text in ["", "plain", "a,b", 'say "hi"', "two\nlines", "cr\rhere", '",\n"']:
        assert next(csv.reader(io.StringIO(csv_field(text) + ",end\n"))) == [text, "end"]


def test_forms_export_with_a_column_mapping() -> None:
    result = run(str(EXAMPLES / "forms-export.csv"), "--columns", str(EXAMPLES / "forms-columns.yaml"), "-f", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    records = json.loads(result.stdout)["results"]
    assert [r["respondent"] for r in records] == [
        "Forno Rossi",
        "Hotel Belvedere",
        "Meccanica Ferri S.p.A.",
        "Falegnameria Conti",
        "Studio Verdi Architetti",
    ]
    # The bakery answered the form as examples/bakery.yaml says: the same verdict.
    bakery = json.loads(runner.invoke(app, ["batch", str(EXAMPLES / "bakery.yaml"), "-f", "json"]).stdout)
    assert {k: v for k, v in records[0].items() if k not in ("source", "row")} == {
        k: v for k, v in bakery["results"][0].items() if k not in ("source", "row")
    }
    # "Immagini, audio, video e grafica" is one label, though Google Forms joins labels with ", ".
    assert "multimedia_production" in records[2]["delegated"]


def test_the_whole_examples_folder_with_its_mapping(examples: Path) -> None:
    """A folder holding answers files, a form export and its mapping: the mapping is not read
    as an answers file, and every response in the folder is scored."""
    for name in ("forms-export.csv", "forms-columns.yaml"):
        (examples / name).write_bytes((EXAMPLES / name).read_bytes())
    export = examples / "forms-export.csv"
    result = run(str(examples), str(export), "--columns", str(examples / "forms-columns.yaml"), "-f", "csv")
    assert result.exit_code == ExitCode.OK, result.stderr
    sources = [Path(r["source"]).name for r in csv_rows(result.stdout)]
    assert sources == sorted(ANSWERS_EXAMPLES) + ["forms-export.csv"] * 5


def test_unknown_columns_are_one_error_for_the_file(tmp_path: Path) -> None:
    survey = tmp_path / "s.csv"
    survey.write_text("respondent,chanels,Timestamp\nA,2,x\nB,3,y\n", encoding="utf-8")
    result = run(str(survey))
    assert result.exit_code == ExitCode.INVALID_INPUT
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {survey}:row 1: unknown column 'chanels'; did you mean 'channels'? (columns are question ids, "
        "plus respondent; map the headers of a form export with --columns)",
        f"error: {survey}:row 1: unknown column 'Timestamp' (columns are question ids, plus respondent; "
        "map the headers of a form export with --columns)",
    ]
    semicolons = tmp_path / "excel.csv"
    semicolons.write_text("respondent;channels\nA;2\n", encoding="utf-8")
    assert "--delimiter ';'" in run(str(semicolons)).stderr


def test_mapping_problems_name_their_line(tmp_path: Path) -> None:
    mapping = tmp_path / "columns.yaml"
    mapping.write_text("columns:\n  A: channels\n  B:\n    question: company_size\n    valuez: {}\n", encoding="utf-8")
    result = run(str(EXAMPLES / "forms-export.csv"), "--columns", str(mapping))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.startswith(f"error: {mapping}:5: columns.B.valuez: unknown key")
    mapping.write_text(
        "columns:\n  Size: {question: company_size, values: {Tiny: tiny}}\n  Name: chanels\n", encoding="utf-8"
    )
    survey = tmp_path / "s.csv"
    survey.write_text("Size,Name\nTiny,x\n", encoding="utf-8")
    lines = run(str(survey), "--columns", str(mapping)).stderr.splitlines()
    assert lines[0].startswith(f"error: {survey}:row 1: column 'Size': label 'Tiny' stands for a value")
    assert (
        lines[1] == f"error: {survey}:row 1: column 'Name' maps to unknown question 'chanels'; did you mean 'channels'?"
    )


def test_other_delimiters_and_odd_rows(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "s.csv", [{**BASE, "respondent": "A"}, {**BASE, "respondent": "B"}], delimiter=";")
    with survey.open("a", encoding="utf-8") as handle:
        handle.write("C;" + ";" * len(QIDS) + "extra\n")
    result = run(str(survey), "--delimiter", ";", "-f", "csv")
    assert result.exit_code == ExitCode.SOME_FAILED
    rows = csv_rows(result.stdout)
    assert [r["respondent"] for r in rows[:2]] == ["A", "B"]
    assert (
        rows[2]["error"]
        == f"{survey}:row 4: this row has {len(QIDS) + 2} cells but the header has {len(QIDS) + 1} columns"
    )
    assert run(str(survey), "--delimiter", "ab").exit_code == 2
    tabs = write_csv(tmp_path / "t.tsv.csv", [BASE], delimiter="\t")
    assert run(str(tabs), "--delimiter", "tab").exit_code == ExitCode.OK


def test_a_file_for_another_questionnaire_fails_as_in_assess(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump({"questionnaire": "it-support", "answers": BASE}), encoding="utf-8")
    result = run(str(other), str(EXAMPLES / "bakery.yaml"), "-f", "csv")
    assert result.exit_code == ExitCode.SOME_FAILED
    assessed = runner.invoke(app, ["assess", str(other)])
    message = assessed.stderr.strip().removeprefix("error: ")
    line = other.read_text(encoding="utf-8").splitlines().index("questionnaire: it-support") + 1
    assert message == f"{other}:{line}: no questionnaire 'it-support': give a file, or one of: social-media"
    assert csv_rows(result.stdout)[0]["error"] == message  # the very words assess prints


def test_the_table_ends_with_a_summary(tmp_path: Path) -> None:
    rows = [{**BASE, "respondent": f"R{i}", "monthly_budget": 0 if i % 2 else 800} for i in range(6)]
    rows[5]["company_size"] = "tiny"
    rows[4]["company_size"] = "huge"
    survey = write_csv(tmp_path / "s.csv", rows)
    result = run(str(survey))
    assert result.exit_code == ExitCode.SOME_FAILED
    lines = result.stdout.splitlines()
    assert lines[0].startswith("SOURCE") and "WARNINGS" in lines[0]
    assert sum("FAILED" in line for line in lines) == 2
    summary = result.stdout.split("\nSummary\n", 1)[1]
    assert "Responses: 6 (4 scored, 2 failed)" in summary
    assert "Recommendations: in_house" in summary and "Most often delegated:" in summary
    assert "Warnings most often raised:" in summary
    assert "      2  answers.company_size: must be one of: micro, small, medium, large, or unknown" in summary


def test_json_and_jsonl_carry_the_same_records(tmp_path: Path, examples: Path) -> None:
    as_json = json.loads(run(str(examples), "-f", "json").stdout)
    as_lines = [json.loads(line) for line in run(str(examples), "-f", "jsonl").stdout.splitlines()]
    assert as_json["results"] == as_lines
    assert as_json["summary"]["recommendations"] == {"in_house": 2, "hybrid": 1, "outsourced": 1}
    assert set(as_lines[0]) == {"source", "row", "respondent", "recommendation", "scores", "margin", "confidence"} | {
        "delegated", "shared", "kept", "warnings", "error",
    }  # fmt: skip
    empty = tmp_path / "e"
    empty.mkdir()
    assert json.loads(run(str(empty), "-f", "json").stdout)["results"] == []


def test_jobs_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    for i in range(40):
        write_answers(folder / f"r{i:02d}.yaml", f"File {i}", channels=1 + i % 7, monthly_budget=i * 50)
    (folder / "broken.yaml").write_text("answers: [", encoding="utf-8")
    rows = [{**BASE, "respondent": f"Row {i}", "internal_hours_per_week": i % 30} for i in range(700)]
    rows[321]["expertise_level"] = "guru"
    survey = write_csv(tmp_path / "survey.csv", rows)
    for fmt in ("csv", "json"):
        serial = run(str(folder), str(survey), "-f", fmt)
        parallel = run(str(folder), str(survey), "-f", fmt, "--jobs", "2")
        assert serial.exit_code == parallel.exit_code == ExitCode.SOME_FAILED
        assert serial.stdout == parallel.stdout
        assert serial.stderr == parallel.stderr


def test_report_dir_writes_one_safe_file_per_respondent(tmp_path: Path) -> None:
    from outsource_advisor.render import ReportFormat

    names = ["../../etc/passwd", "Forno Rossi", "Forno Rossi", "CON", 'Caffè "Da Mario" / 2', ""]
    survey = write_csv(tmp_path / "s.csv", [{**BASE, "respondent": name} for name in names])
    for fmt in ReportFormat:
        reports = tmp_path / f"reports-{fmt.value}"
        result = run(str(survey), "-f", "csv", "--report-dir", str(reports), "--report-format", fmt.value)
        assert result.exit_code == ExitCode.OK, result.stderr
        written = sorted(p.name for p in reports.iterdir())
        assert len(written) == len(names)
        stems = sorted(name.rsplit(".", 1)[0] for name in written)
        assert stems == sorted(
            ["s-row-2-etc-passwd", "s-row-3-forno-rossi", "s-row-4-forno-rossi", "s-row-5-con",
             "s-row-6-caffe-da-mario-2", "s-row-7"]
        )  # fmt: skip
        assert all(p.parent == reports and p.stat().st_size > 0 for p in reports.iterdir())
        if fmt.value == "json":
            report = json.loads((reports / "s-row-3-forno-rossi.json").read_text(encoding="utf-8"))
            assert report["respondent"] == "Forno Rossi" and report["contributions"]
        # The batch rows are the same, with or without reports.
        assert result.stdout == run(str(survey), "-f", "csv").stdout
    assert not (tmp_path.parent / "etc").exists()


def test_report_dir_cannot_be_an_input_folder(tmp_path: Path) -> None:
    write_answers(tmp_path / "a.yaml", "A")
    result = run(str(tmp_path), "--report-dir", str(tmp_path))
    assert result.exit_code == 2 and "cannot be an input folder" in result.stderr


def test_usage_errors(examples: Path) -> None:
    assert run().exit_code == 2
    assert run(str(examples), "--jobs", "0").exit_code == 2
    assert run(str(examples), "-f", "xml").exit_code == 2
    assert run("-", "-").exit_code == 2
    assert run(str(examples), "-q", "it-support").exit_code == ExitCode.INVALID_INPUT
    assert run(str(examples), "--lang", "fr").exit_code == 2


def test_the_report_owns_the_exit_code() -> None:
    report = BatchReport()
    assert report.exit_code == ExitCode.INVALID_INPUT and "nothing to score" in str(report)
    verdict = Verdict("hybrid", (1.0, 2.0, 0.5), 1.0, 0.5, ("seo",), (), (), ("no_involvement",))
    report.add(Result(Source("a.yaml"), "A", verdict))
    assert report.exit_code == ExitCode.OK and str(report) == "1 scored, 0 failed"
    report.add(Result(Source("b.csv", 3), problems=()))
    assert report.exit_code == ExitCode.SOME_FAILED and str(report) == "1 scored, 1 failed"
    assert (ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.SOME_FAILED) == (0, 1, 3)  # the README's table
    assert str(Source("b.csv", 3)) == "b.csv:row 3" and str(Source("b.jsonl", 2, "line")) == "b.jsonl:line 2"


def test_odd_inputs_fail_alone_with_their_place(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    twice = tmp_path / "twice.csv"
    twice.write_text("respondent,channels,channels\nA,1,2\n", encoding="utf-8")
    broken = write_csv(tmp_path / "broken.csv", [{**BASE, "respondent": "Before"}])
    with broken.open("ab") as handle:
        handle.write(b"Caff\xe8," + b"," * len(QIDS) + b"\n")
    with broken.open("a", encoding="utf-8") as handle:
        handle.write("After," + ",".join(csv_cell(BASE.get(q)) for q in QIDS) + "\n")
    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        '[1, 2]\n{"respondent": "X", "answers": {"channels": 2}\n{"respondent": "Bad \\ud800", "channels": 0}\n',
        encoding="utf-8",
    )
    result = run(*(str(p) for p in (empty, twice, broken, lines)), "-f", "csv")
    assert result.exit_code == ExitCode.SOME_FAILED
    rows = csv_rows(result.stdout)
    expected = [
        ("", "", f"{empty}: the file is empty: a CSV needs a header row"),
        ("1", "", f"{twice}:row 1: the column 'channels' appears twice"),
        ("2", "Before", ""),
        ("3", "", f"{broken}:row 3: this row is not valid UTF-8 text (save the file as UTF-8)"),
        ("4", "After", ""),  # the rest of the file is read
        ("1", "", f"{lines}:line 1: a line must be a JSON object: question ids and their answers"),
        ("2", "", f"{lines}:line 2: invalid JSON: Expecting ',' delimiter"),
    ]
    assert [(r["row"], r["respondent"], r["error"]) for r in rows[:-1]] == expected
    last = rows[-1]  # a lone surrogate in a name is written escaped, not a crash
    assert (last["row"], last["respondent"]) == ("3", "Bad \\ud800")
    assert last["error"].startswith(f"{lines}:line 3: answers.channels: must be a whole number from 1 to 20")


def test_reports_come_back_from_worker_processes(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "s.csv", [{**BASE, "respondent": f"R{i}"} for i in range(30)])
    serial, parallel = tmp_path / "one", tmp_path / "two"
    assert run(str(survey), "--report-dir", str(serial), "--report-format", "json").exit_code == ExitCode.OK
    result = run(str(survey), "--report-dir", str(parallel), "--report-format", "json", "--jobs", "2")
    assert result.exit_code == ExitCode.OK, result.stderr
    names = sorted(p.name for p in serial.iterdir())
    assert len(names) == 30 and names == sorted(p.name for p in parallel.iterdir())
    assert all((serial / n).read_bytes() == (parallel / n).read_bytes() for n in names)


def test_an_overlong_line_fails_alone_without_being_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line longer than the size limit is read past in chunks: that row or line fails with a
    message naming the limit, and the ones after it are still scored (also from stdin)."""
    monkeypatch.setenv("OUTSOURCE_ADVISOR_MAX_FILE_SIZE", "2K")
    good = json.dumps({**BASE, "respondent": "Good"})
    lines = tmp_path / "lines.jsonl"
    lines.write_text(f'{good}\n{{"respondent": "{"x" * 5000}"}}\n{good}\n', encoding="utf-8")
    survey = write_csv(tmp_path / "s.csv", [{**BASE, "respondent": "A"}, {**BASE, "company_name": "y" * 5000}, BASE])
    too_long = "this line is longer than 2,048 characters (the limit is set by OUTSOURCE_ADVISOR_MAX_FILE_SIZE)"
    for args, stdin, name, unit in [
        ((str(lines),), None, str(lines), "line"),
        (("-",), lines.read_text(encoding="utf-8"), "<stdin>", "line"),
        ((str(survey),), None, str(survey), "row"),
    ]:
        result = run(*args, "-f", "csv", stdin=stdin)
        assert result.exit_code == ExitCode.SOME_FAILED, result.stderr
        rows = csv_rows(result.stdout)
        assert [bool(r["recommendation"]) for r in rows] == [True, False, True]
        assert rows[1]["error"] == f"{name}:{unit} {rows[1]['row']}: {too_long}"
        assert rows[1]["row"] == ("2" if unit == "line" else "3")


def test_a_failed_response_names_its_respondent_briefly(tmp_path: Path) -> None:
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({**BASE, "respondent": "R" * 5000}) + "\n" + json.dumps(BASE) + "\n", encoding="utf-8")
    rows = csv_rows(run(str(lines), "-f", "csv").stdout)
    assert rows[0]["respondent"] == "R" * 197 + "..."
    assert "must be text of at most 200 characters" in rows[0]["error"]
