"""The scheduler that spreads report work over forked workers (`karne.reporting.parallel`).

Tasks run in forked processes, so they report through files in a temporary folder and through
their return values; nothing here depends on timing.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
from functools import partial
from pathlib import Path

import pytest

from karne.reporting.parallel import Scheduler, Task, WorkerFailed
from tests.reporting.small_dataset import YEAR

ROOT = Path(__file__).resolve().parents[2]

WARMED: list[bool] = []  # set by `warm_up` in the parent; a forked worker sees it or not


def warm_up() -> None:
    WARMED.append(True)


def chart(folder: Path, name: str) -> str:
    (folder / f"chart-{name}").write_text(str(os.getpid()))
    return name


def document(folder: Path) -> tuple[int, bool, list[str]]:
    """What a task that needs charts sees: its process, whether WeasyPrint was warm, charts."""
    return os.getpid(), bool(WARMED), sorted(p.name for p in folder.glob("chart-*"))


def seen_by_document(value: object) -> tuple[int, bool, list[str]]:
    """A result of `document`, back from a worker as a plain object."""
    assert isinstance(value, tuple)
    pid, warm, seen = value
    assert isinstance(pid, int)
    assert isinstance(warm, bool)
    assert isinstance(seen, list)
    return pid, warm, seen


def fail() -> None:
    raise ValueError("this table cannot be drawn")


def workers_left() -> list[str]:
    """The scheduler's worker processes still alive (other tests may have processes of their
    own)."""
    return [p.name for p in multiprocessing.active_children() if p.name == "karne-report"]


def run(tasks: list[Task], count: int) -> dict[int, object]:
    results: dict[int, object] = {}

    def done(index: int, value: object) -> None:
        assert index not in results
        results[index] = value

    WARMED.clear()
    Scheduler(tasks, count, warm_up, done).run()
    return results


@pytest.mark.parametrize("count", [1, 2, 3])
def test_every_task_runs_once_after_the_charts_it_needs(tmp_path: Path, count: int) -> None:
    charts = [Task(partial(chart, tmp_path, name), chart=True) for name in "abc"]
    documents = [
        Task(partial(document, tmp_path), needs_charts=True, needs_warm=warm)
        for warm in (True, True, False, False)
    ]
    results = run([*charts, *documents], count)
    assert sorted(results) == list(range(7))
    assert [results[i] for i in range(3)] == ["a", "b", "c"]
    for index in range(3, 7):
        pid, warm, seen = seen_by_document(results[index])
        assert seen == ["chart-a", "chart-b", "chart-c"]  # every chart was drawn before
        assert pid != os.getpid()  # in a worker, never in the parent
        if documents[index - 3].needs_warm:
            assert warm  # forked after the warm-up: WeasyPrint is loaded once, inherited
    assert workers_left() == []


def test_workers_for_work_without_pdf_start_before_the_warm_up(tmp_path: Path) -> None:
    tasks = [
        Task(partial(document, tmp_path), needs_warm=True),
        Task(partial(document, tmp_path)),
    ]
    results = run(tasks, 2)
    assert seen_by_document(results[0])[1] is True
    assert seen_by_document(results[1])[1] is False  # forked before, did not wait for it


def test_no_warm_up_when_no_task_needs_it(tmp_path: Path) -> None:
    run([Task(partial(chart, tmp_path, "x"), chart=True), Task(partial(document, tmp_path))], 2)
    assert WARMED == []


@pytest.mark.parametrize("count", [1, 2])
def test_a_failing_task_fails_the_run_with_its_traceback_and_stops_every_worker(
    tmp_path: Path, count: int
) -> None:
    """Even when the worker has failed and gone while its next tasks were still being sent."""
    charts = (Task(partial(chart, tmp_path, str(n)), chart=True) for n in range(500))
    with pytest.raises(WorkerFailed, match="this table cannot be drawn"):
        run([Task(fail), *charts], count)
    assert workers_left() == []


def test_the_forking_process_loads_neither_matplotlib_nor_numpy(tmp_path: Path) -> None:
    """numpy starts threads when imported, and forking a process that has threads is unsafe:
    with the charts drawn by workers and read from the cache, the parent never imports them."""
    script = textwrap.dedent(
        f"""
        import sys
        from datetime import date
        from pathlib import Path
        from karne.reporting.generate import write_reports
        from tests.reporting.small_dataset import YEAR, small_dataset

        for _ in range(2):  # charts missing, then all in the cache
            write_reports(small_dataset(), YEAR, Path({str(tmp_path)!r}),
                          ["faaliyet-raporu"], ["pdf", "docx"], workers=2,
                          generated_on=date(2024, 2, 29))
            assert "numpy" not in sys.modules and "matplotlib" not in sys.modules
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert (tmp_path / f"faaliyet-raporu-{YEAR}.pdf").stat().st_size > 0


def frozen_in_worker() -> int:
    import gc

    return gc.get_freeze_count()


def test_workers_inherit_the_parent_s_objects_frozen_and_the_parent_thaws() -> None:
    """A worker's collections skip what it inherited (its own garbage is still collected);
    the parent's objects are collectable again once the worker is forked."""
    import gc

    results: dict[int, object] = {}
    gc.unfreeze()
    Scheduler([Task(frozen_in_worker)], 1, warm_up, results.__setitem__).run()
    assert isinstance(results[0], int)
    assert results[0] > 0
    assert gc.get_freeze_count() == 0
