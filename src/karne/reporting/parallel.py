"""Run report tasks in forked worker processes, at most `count` at a time, without threads.

Why not a process pool: a PDF needs WeasyPrint loaded and warmed up (about half a second per
process), the DOCX and XLSX do not. So the parent first forks *cold* workers and hands them at
once what needs no WeasyPrint (a share of the missing charts, the spreadsheets, the documents),
warms WeasyPrint up meanwhile, and only then forks the PDF workers, which inherit it ready: it is
loaded once, not once per worker. A worker with nothing left that it may run exits, and its slot
goes to a PDF worker. The first PDF (the longest: the tasks come longest first) gets the first
slot, so the Activity Report's PDF is laid out on a core of its own from the moment WeasyPrint
is ready.

The parent starts no thread (forking stays safe) and talks to each worker over a pipe: it sends
task indices, the worker answers each with the task's result, or with the traceback of its
failure, and stops when it receives None.
"""

from __future__ import annotations

import gc
import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess


@dataclass(frozen=True)
class Task:
    """One unit of work; `run` is called in a worker and returns what `done` receives."""

    run: Callable[[], object]
    chart: bool = False  # draws charts: the tasks that need charts wait for every chart task
    needs_charts: bool = False
    needs_warm: bool = False  # runs only in a worker forked after the warm-up (the PDFs)


class WorkerFailed(RuntimeError):
    """A task raised in a worker (the message holds its traceback), or a worker died."""


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    warm: bool
    queued: list[int] = field(default_factory=list)  # task indices sent, not yet answered


def _serve(conn: Connection, tasks: Sequence[Task]) -> None:
    """A worker's loop: run each task index received, answer it; stop on None."""
    try:
        while (index := conn.recv()) is not None:
            conn.send(("done", index, tasks[index].run()))
    except EOFError:  # the parent is gone
        pass
    except BaseException:
        conn.send(("error", -1, traceback.format_exc()))
    finally:
        conn.close()


class Scheduler:
    """Runs every task once; `done(index, result)` is called in the parent as each finishes."""

    def __init__(
        self,
        tasks: Sequence[Task],
        count: int,
        warm_up: Callable[[], None],
        done: Callable[[int, object], None],
    ) -> None:
        self.tasks = tasks
        self.count = max(1, count)
        self.warm_up = warm_up
        self.done = done
        self.pending = list(range(len(tasks)))  # in order of preference
        self.charts_left = sum(1 for t in tasks if t.chart)
        self.workers: list[_Worker] = []
        self.warm = False
        self.context = multiprocessing.get_context("fork")

    def run(self) -> None:
        try:
            self._start_cold_workers()
            if any(self.tasks[i].needs_warm for i in self.pending):
                self.warm_up()
                self.warm = True
            while self.pending or self.workers:
                for worker in list(self.workers):
                    self._feed(worker)
                while self._wants_warm_worker():
                    self._feed(self._fork())
                if not self.workers:
                    if self.pending:
                        raise WorkerFailed("report tasks are left that no worker may run")
                    break
                self._receive()
        finally:
            for worker in self.workers:
                worker.process.terminate()
                worker.process.join()
            self.workers.clear()

    def _start_cold_workers(self) -> None:
        """Before the warm-up: fork the workers for what needs no WeasyPrint (one per chart
        task, else one; as many as there are tasks when no PDF is asked for) and send them at
        once every task they may already run, in turn."""
        cold = [i for i in self.pending if not self.tasks[i].needs_warm]
        if not cold:
            return
        charts = sum(1 for i in cold if self.tasks[i].chart)
        wanted = max(charts, 1) if len(cold) < len(self.pending) else len(cold)
        workers = [self._fork() for _ in range(min(self.count, wanted))]
        ready = [i for i in cold if self._may_run(i, workers[0])]
        for position, index in enumerate(ready):
            self._send(workers[position % len(workers)], index)

    def _fork(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_serve, args=(child_end, self.tasks), daemon=True, name="karne-report"
        )
        # The child inherits the parent's heap (both reports' content, WeasyPrint warmed up):
        # frozen, its collections never walk those objects, which would cost it time and
        # copy their pages. The parent thaws at once, so its own garbage is still collected.
        gc.freeze()
        try:
            process.start()
        finally:
            gc.unfreeze()
        child_end.close()
        worker = _Worker(process, parent_end, self.warm)
        self.workers.append(worker)
        return worker

    def _may_run(self, index: int, worker: _Worker) -> bool:
        task = self.tasks[index]
        if task.needs_warm and not worker.warm:
            return False
        return not (task.needs_charts and self.charts_left)

    def _send(self, worker: _Worker, index: int) -> None:
        self.pending.remove(index)
        worker.queued.append(index)
        try:
            worker.conn.send(index)
        except OSError:  # it stopped after a failure while its tasks were being sent
            raise self._failure(worker) from None

    def _feed(self, worker: _Worker) -> None:
        """Give an idle worker the first task it may run; stop it if none is left for it."""
        if worker.queued:
            return
        for index in self.pending:
            if self._may_run(index, worker):
                self._send(worker, index)
                return
        if not any(worker.warm or not self.tasks[i].needs_warm for i in self.pending):
            try:
                worker.conn.send(None)
            except OSError:
                raise self._failure(worker) from None
            worker.conn.close()
            worker.process.join()
            self.workers.remove(worker)

    def _wants_warm_worker(self) -> bool:
        """After the warm-up: a free slot, and more PDFs ready to run than idle PDF workers."""
        if not self.warm or self.charts_left or len(self.workers) >= self.count:
            return False
        idle = sum(1 for w in self.workers if w.warm and not w.queued)
        return sum(1 for i in self.pending if self.tasks[i].needs_warm) > idle

    def _receive(self) -> None:
        by_conn = {w.conn: w for w in self.workers}
        for ready in wait(list(by_conn)):
            assert isinstance(ready, Connection)
            worker = by_conn[ready]
            try:
                status, index, value = ready.recv()
            except (EOFError, OSError):
                raise self._failure(worker) from None
            if status == "error":
                raise WorkerFailed(f"a report worker failed:\n{value}")
            worker.queued.remove(index)
            if self.tasks[index].chart:
                self.charts_left -= 1
            self.done(index, value)

    @staticmethod
    def _failure(worker: _Worker) -> WorkerFailed:
        """Why a worker stopped: the traceback it sent before closing its end, if any."""
        try:
            while True:
                status, _index, value = worker.conn.recv()
                if status == "error":
                    return WorkerFailed(f"a report worker failed:\n{value}")
        except (EOFError, OSError):
            pass
        worker.process.join(timeout=5)
        return WorkerFailed(
            f"a report worker ended unexpectedly (exit code {worker.process.exitcode})"
        )
