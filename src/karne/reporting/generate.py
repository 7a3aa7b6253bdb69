"""Write reports to files: content built once, charts drawn once, formats rendered in parallel.

With one worker everything runs in this process, one file after the other. With more (one per
core by default), `parallel.Scheduler` spreads the work: the missing charts first, split between
the workers, and the spreadsheets and documents, while this process warms WeasyPrint up; then
the PDFs, longest first, each in a worker forked with WeasyPrint ready. Charts are kept in a
cache folder shared by all formats and runs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from karne.core.records import Dataset, DocumentKind
from karne.core.report_content import Report, build_report
from karne.core.report_content.model import Chart

FORMATS = ("pdf", "docx", "xlsx")
KINDS = tuple(kind.value for kind in DocumentKind)
_COST = {"pdf": 3, "docx": 1, "xlsx": 0}  # rough order of the work, to start long jobs first
_FILE_STEM = {"performans-programi": "performans-programi", "faaliyet-raporu": "faaliyet-raporu"}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    report: Report
    fmt: str
    path: Path
    cache_dir: Path


def file_name(report: Report, fmt: str) -> str:
    return f"{_FILE_STEM[report.kind]}-{report.year}.{fmt}"


def render(report: Report, fmt: str, cache_dir: Path | None) -> bytes:
    """One report in one format, as bytes (imports are local: a worker loads only what it uses)."""
    from karne.reporting import charts

    def png(figure: object) -> bytes:
        return charts.render(figure.chart, "png", cache_dir)  # type: ignore[attr-defined]

    if fmt == "pdf":
        from karne.reporting.pdf import render_pdf

        return render_pdf(report, png)
    if fmt == "docx":
        from karne.reporting.docx import render_docx

        return render_docx(report, png)
    if fmt == "xlsx":
        from karne.reporting.xlsx import render_xlsx

        return render_xlsx(report)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _run_job(job: Job) -> float:
    start = time.perf_counter()
    data = render(job.report, job.fmt, job.cache_dir)
    tmp = job.path.with_suffix(job.path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(job.path)
    return time.perf_counter() - start


def _draw_charts(charts_to_draw: tuple[Chart, ...], cache_dir: Path) -> int:
    from karne.reporting import charts

    for chart in charts_to_draw:
        charts.render(chart, "png", cache_dir)
    return len(charts_to_draw)


def _warm_up_pdf() -> None:
    from karne.reporting.pdf import warm_up

    warm_up()


def _missing_charts(
    reports: Sequence[Report], jobs: Sequence[Job], cache: Path
) -> tuple[Chart, ...]:
    """The charts the documents and PDFs need that the cache folder does not hold yet."""
    from karne.reporting.charts import cache_path

    kinds = {j.report.kind for j in jobs if j.fmt in ("pdf", "docx")}
    needed = dict.fromkeys(f.chart for r in reports if r.kind in kinds for f in r.figures())
    return tuple(c for c in needed if not cache_path(c, "png", cache).exists())


def write_reports(
    dataset: Dataset,
    year: int,
    out_dir: Path,
    kinds: Sequence[str] = KINDS,
    formats: Sequence[str] = FORMATS,
    progress: Progress | None = None,
    *,
    generated_on: date | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
) -> list[Path]:
    """Write each kind of document in each format to `out_dir`; returns the files written."""
    say = progress or (lambda _message: None)
    unknown = [f for f in formats if f not in FORMATS] + [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown report kind or format: {', '.join(unknown)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = cache_dir or out_dir / ".chart-cache"
    day = generated_on or datetime.now(ZoneInfo("Europe/Istanbul")).date()
    reports = [build_report(dataset, year, kind, day) for kind in kinds]
    say(f"içerik hazır / content built: {', '.join(r.document for r in reports)}")
    jobs = sorted(
        (Job(r, fmt, out_dir / file_name(r, fmt), cache) for r in reports for fmt in formats),
        key=lambda j: (-_COST[j.fmt], -len(j.report.tables()) - len(j.report.figures())),
    )
    missing = _missing_charts(reports, jobs, cache)
    count = max(1, workers or os.cpu_count() or 1)  # 0 or None: one per core
    if count == 1 or (len(jobs) == 1 and len(missing) < 2):
        if missing:
            _draw_charts(missing, cache)
            say(f"{len(missing)} grafik çizildi / charts drawn")
        for job in jobs:
            seconds = _run_job(job)
            say(f"{job.path.name} yazıldı / written ({seconds:.1f} s)")
        return [j.path for j in jobs]
    _write_in_parallel(jobs, missing, cache, count, say)
    return [j.path for j in jobs]


def _write_in_parallel(
    jobs: Sequence[Job], missing: tuple[Chart, ...], cache: Path, count: int, say: Progress
) -> None:
    from karne.reporting.parallel import Scheduler, Task

    chunks = [missing[i::count] for i in range(count) if missing[i::count]]
    tasks = [
        *(Task(partial(_draw_charts, c, cache), chart=True) for c in chunks),
        *(
            Task(
                partial(_run_job, j),
                needs_charts=j.fmt in ("pdf", "docx"),
                needs_warm=j.fmt == "pdf",
            )
            for j in jobs
        ),
    ]
    drawn = 0

    def done(index: int, value: object) -> None:
        nonlocal drawn
        if index < len(chunks):
            assert isinstance(value, int)
            drawn += value
            if drawn == len(missing):
                say(f"{len(missing)} grafik çizildi / charts drawn")
            return
        assert isinstance(value, float)
        say(f"{jobs[index - len(chunks)].path.name} yazıldı / written ({value:.1f} s)")

    Scheduler(tasks, count, _warm_up_pdf, done).run()
