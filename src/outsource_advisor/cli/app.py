"""The command line. It reads files, calls the engine, renders; it is the only place that
turns errors into messages and exit codes.

Heavy modules (pydantic models, the engine, rich renderers) are imported inside the commands
that need them, so `--help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from outsource_advisor.cli.batch import batch
from outsource_advisor.cli.common import (
    LangOption,
    OutputOption,
    QuestionnaireOption,
    emit,
    err,
    exit_codes,
    full_report,
    note_answers,
    pick_language,
)
from outsource_advisor.cli.interview import interview
from outsource_advisor.render import ReportFormat

if TYPE_CHECKING:
    from outsource_advisor.model.assessment import Assessment

app = typer.Typer(
    name="outsource-advisor",
    help="Should a company run its social media in-house, with an agency, or both?",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
questionnaire_app = typer.Typer(
    help="List, show and describe questionnaires.", no_args_is_help=True, rich_markup_mode=None
)


def _print_version(value: bool) -> None:
    if value:
        from outsource_advisor import __version__

        print(f"outsource-advisor {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Should a company run its social media in-house, with an agency, or both?"""


app.add_typer(questionnaire_app, name="questionnaire")
app.command()(interview)
app.command()(batch)


class SchemaKind(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    ANSWERS = "answers"


@app.command()
def assess(
    answers: Annotated[str, typer.Argument(help="The answers file (YAML or JSON), or - for standard input.")],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format: table (for the terminal), json, markdown, or html (one self-contained page).",
        ),
    ] = ReportFormat.TABLE,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Score one answers file and report the recommendation."""
    with exit_codes():
        from outsource_advisor.files.atomic import refuse_overwriting
        from outsource_advisor.files.loading import STDIN, load_answers
        from outsource_advisor.render import render_report

        if answers != STDIN:
            refuse_overwriting(output, [Path(answers)])
        loaded = load_answers(answers, questionnaire=questionnaire, stdin=sys.stdin.buffer)
        q, checked = loaded.questionnaire, loaded.answers
        language = pick_language(q, lang)
        note_answers(checked, q, loaded.document.name)
        report = full_report(q, checked, language, color=output is None and sys.stdout.isatty())
        emit(render_report(fmt, report), output)


class CompareFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command()
def compare(
    old: Annotated[Path, typer.Argument(help="The earlier answers file, or a saved JSON result.")],
    new: Annotated[Path, typer.Argument(help="The later answers file, or a saved JSON result.")],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.TABLE,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Re-assessment: what changed in the answers, scores, recommendation and plan."""
    with exit_codes():
        import dataclasses
        import json

        from outsource_advisor.engine.compare import compare as compare_assessments
        from outsource_advisor.files.atomic import refuse_overwriting

        refuse_overwriting(output, [old, new])
        before = _comparable(old, questionnaire, lang)
        after = _comparable(new, questionnaire, lang)
        comparison = compare_assessments(before, after, str(old), str(new))
        for note in comparison.notes:
            err(f"note: {note}")
        if fmt is CompareFormat.JSON:
            text = json.dumps(dataclasses.asdict(comparison), ensure_ascii=False, indent=2) + "\n"
        else:
            from outsource_advisor.render.terminal import render_comparison_text

            text = render_comparison_text(comparison, lang or "en", color=output is None and sys.stdout.isatty())
        emit(text, output)


def _comparable(path: Path, questionnaire: str | None, lang: str | None) -> Assessment:
    """An assessment from a saved JSON result, or by scoring an answers file."""
    from outsource_advisor.engine.scoring import score
    from outsource_advisor.files.loading import answers_of, is_assessment_result, parse_assessment_result, read_document

    document = read_document(path)
    if is_assessment_result(document):
        return parse_assessment_result(document)
    loaded = answers_of(document, questionnaire=questionnaire)
    return score(loaded.questionnaire, loaded.answers, lang=pick_language(loaded.questionnaire, lang))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Questionnaire or answers files to check.")],
    questionnaire: QuestionnaireOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat scoring lint warnings as errors.")] = False,
) -> None:
    """Check questionnaires and answers files; lint a questionnaire's scoring."""
    from outsource_advisor.errors import ExitCode, InputError

    failed = 0
    for path in files:
        try:
            with exit_codes():
                warnings = _validate_one(path, questionnaire)
                if strict and warnings:
                    failed += 1
        except typer.Exit as exc:
            if exc.exit_code != ExitCode.INVALID_INPUT:
                raise
            failed += 1
        except InputError:  # pragma: no cover - exit_codes translates it
            failed += 1
    if failed:
        raise typer.Exit(ExitCode.INVALID_INPUT)


def _validate_one(path: Path, questionnaire: str | None) -> int:
    """Validate one file, print its verdict; returns the number of lint warnings."""
    from outsource_advisor.engine.lint import lint
    from outsource_advisor.errors import InputError, Problem
    from outsource_advisor.files.loading import answers_of, parse_questionnaire, read_document

    document = read_document(path)
    data = document.data
    if isinstance(data, dict) and "sections" in data:
        q = parse_questionnaire(document)
        warnings = lint(q)
        for w in warnings:
            err(f"warning: {w.located(file=document.name, line=document.line(w.loc))}")
        print(f"ok: {path}: questionnaire {q.id!r} version {q.version}")
        return len(warnings)
    if isinstance(data, dict) and ("answers" in data or "questionnaire" in data):
        loaded = answers_of(document, questionnaire=questionnaire)
        note_answers(loaded.answers, loaded.questionnaire, document.name)
        print(f"ok: {path}: answers for {loaded.questionnaire.id!r} ({len(loaded.answers.values)} answered)")
        return 0
    raise InputError([Problem("neither a questionnaire (no 'sections') nor answers (no 'answers')", file=str(path))])


@questionnaire_app.command("list")
def questionnaire_list() -> None:
    """List the questionnaires shipped with the program."""
    with exit_codes():
        from outsource_advisor.files.loading import builtin_ids, load_questionnaire
        from outsource_advisor.model.text import localize

        for qid in builtin_ids():
            q = load_questionnaire(qid)
            title = localize(q.title, q.default_language, q.default_language)
            print(f"{q.id}\t{q.version}\t{', '.join(q.languages)}\t{title}")


@questionnaire_app.command("show")
def questionnaire_show(
    questionnaire: Annotated[str, typer.Argument(help="A questionnaire id or file.")],
    lang: LangOption = None,
) -> None:
    """Show a questionnaire's sections and questions, with the values each accepts."""
    with exit_codes():
        from outsource_advisor.files.loading import load_questionnaire
        from outsource_advisor.render.outline import render_outline

        q = load_questionnaire(questionnaire)
        emit(render_outline(q, pick_language(q, lang)), None)


@questionnaire_app.command("schema")
def questionnaire_schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which format.")] = SchemaKind.QUESTIONNAIRE,
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Print the JSON Schema of the questionnaire format, or of one questionnaire's answers."""
    with exit_codes():
        import json

        from outsource_advisor.files.loading import load_questionnaire
        from outsource_advisor.model.schema import answers_schema, questionnaire_schema

        if kind is SchemaKind.QUESTIONNAIRE:
            schema = questionnaire_schema()
        else:
            schema = answers_schema(load_questionnaire(questionnaire))
        emit(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", None)


def main() -> None:
    """Console entry point: a closed pipe (`| head`) ends quietly."""
    try:
        app()
    except BrokenPipeError:
        from outsource_advisor.errors import ExitCode

        sys.stderr.close()
        sys.exit(ExitCode.OK)
