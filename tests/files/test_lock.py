"""One writer per answers file: a second holder is refused and told who holds it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from outsource_advisor.files.lock import AnswersInUseError, exclusive, holder_of, lock_path

HOLD = """
import sys, time
from pathlib import Path
from outsource_advisor.files.lock import exclusive
with exclusive(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def _hold_in_child(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "held\n"
    return child


def test_a_second_writer_is_refused_naming_the_holder(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {}\n")
    child = _hold_in_child(answers)
    try:
        with pytest.raises(AnswersInUseError) as info, exclusive(answers):
            pass
        assert f"process {child.pid}" in str(info.value)
        assert holder_of(answers) is not None and holder_of(answers).pid == child.pid  # type: ignore[union-attr]
        assert answers.read_text() == "answers: {}\n"  # the file is not touched
    finally:
        child.terminate()
        child.wait()


def test_a_killed_holder_blocks_nobody(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    child = _hold_in_child(answers)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock_path(answers).exists()  # left behind by kill -9 ...
    assert holder_of(answers) is None  # ... but held by nobody
    with exclusive(answers) as me:
        assert me.pid == os.getpid()
        assert holder_of(answers) == me  # seen from any other open file, ours included
    assert not lock_path(answers).exists()  # a holder that ends normally removes it


def test_the_lock_is_released_at_the_end_of_the_block(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    for _ in range(3):
        with exclusive(answers):
            time.sleep(0)
