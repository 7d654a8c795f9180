"""One batch run: read the inputs, score every response, stream the output, count the results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from outsource_advisor.batch.output import Formatter
from outsource_advisor.batch.parallel import score_all
from outsource_advisor.batch.reportdir import ReportDir
from outsource_advisor.batch.results import BatchReport, Output
from outsource_advisor.batch.scorer import Options, Scorer
from outsource_advisor.batch.sources import Inputs, iter_items


@dataclass
class Run:
    inputs: Inputs
    options: Options
    jobs: int = 1
    reports: ReportDir | None = None


def run_batch(
    run: Run,
    scorer: Scorer,
    formatter: Formatter,
    write: Callable[[str], None],
    on_output: Callable[[Output], None] = lambda output: None,
) -> BatchReport:
    """Score every response of the run. Results are written as they come, a chunk at a
    time, then counted and passed to `on_output` (progress, messages): only counts are kept."""
    report = BatchReport()
    write(formatter.start())
    for output in score_all(iter_items(run.inputs), run.options, run.jobs, scorer):
        if run.reports is not None:
            for result in output.reports:
                run.reports.write(result)
        write(formatter.join(output.text))
        report.merge(output.counts)
        on_output(output)
    write(formatter.end(report))
    return report
