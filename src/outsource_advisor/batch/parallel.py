"""Scoring tasks in this process, or in a pool of worker processes (`--jobs N`).

Workers get tasks in chunks and send back results in the same order, so the output is the
same whatever the number of jobs. At most a few chunks are in flight at a time: reading runs
ahead of scoring by a bounded amount and memory stays flat. Each worker loads and compiles
its questionnaires once. Workers ignore Ctrl-C; the main process stops them.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from outsource_advisor.batch.results import Kind, Output, Result, Source, Task
from outsource_advisor.batch.scorer import Options, Scorer

if TYPE_CHECKING:
    from concurrent.futures import Future

Item = Task | Result

# Work per chunk, in units of one CSV row or JSONL line (an answers file to read costs about
# four): large enough to make sending a chunk cheap next to scoring it, small enough to keep
# both workers busy to the end.
CHUNK_UNITS = 512
_FILE_UNITS = 4
IN_FLIGHT_PER_JOB = 3
# In one process, results are still handled a few at a time (written, counted) as they come.
SERIAL_UNITS = 64

_scorer: Scorer | None = None


def _start_worker(options: Options) -> None:
    global _scorer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _scorer = Scorer(options)


def _score_chunk(packed: list[Any]) -> Output:
    scorer = _scorer
    assert scorer is not None, "worker not started"
    return scorer.work(_unpack(packed))


def _pack(chunk: list[Item]) -> list[Any]:
    """A chunk as it travels to a worker: consecutive rows of one CSV share their file name
    and column plan, sent once, instead of a task (and a plan) per row."""
    packed: list[Any] = []
    for item in chunk:
        if type(item) is Task and item.kind == Kind.ROW:
            plan, cells = item.payload
            last = packed[-1] if packed else None
            if last is not None and last[0] == Kind.ROW and last[1] == item.source.file and last[2] is plan:
                last[3].append((item.source.number, cells))
            else:
                packed.append((Kind.ROW, item.source.file, plan, [(item.source.number, cells)]))
        else:
            packed.append((0, item))
    return packed


def _unpack(packed: list[Any]) -> list[Item]:
    items: list[Item] = []
    for entry in packed:
        if entry[0] == Kind.ROW:
            _, file, plan, rows = entry
            items += [Task(Kind.ROW, Source(file, number), (plan, cells)) for number, cells in rows]
        else:
            items.append(entry[1])
    return items


def chunks(items: Iterable[Item], units: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += _FILE_UNITS if type(item) is Task and item.kind in (Kind.FILE, Kind.DOCUMENT) else 1
        if size >= units:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def score_all(items: Iterable[Item], options: Options, jobs: int = 1, scorer: Scorer | None = None) -> Iterator[Output]:
    """Every item done, in order, a chunk at a time: failed items pass through, tasks are
    scored; each chunk comes formatted and counted."""
    if jobs <= 1:
        scorer = scorer or Scorer(options)
        for chunk in chunks(items, SERIAL_UNITS):
            yield scorer.work(chunk)
        return
    yield from _score_in_pool(items, options, jobs)


def _score_in_pool(items: Iterable[Item], options: Options, jobs: int) -> Iterator[Output]:
    from concurrent.futures import ProcessPoolExecutor  # only --jobs needs it: a faster start

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(options,))
    pending: deque[Future[Output]] = deque()
    try:
        for chunk in chunks(items, CHUNK_UNITS):
            pending.append(pool.submit(_score_chunk, _pack(chunk)))
            while len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
