"""Write reports to files: content built once, charts drawn once, formats rendered in parallel.

The work is spread over a pool of worker processes (both cores of the reference machine): first
the charts of every document, split between the workers and kept in a cache folder shared by
all formats and runs; then each (document, format) pair, longest first, so that the Activity
Report's PDF starts as early as possible while the others fill the second core.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime
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


def _run_job(job: Job) -> tuple[Path, float]:
    start = time.perf_counter()
    data = render(job.report, job.fmt, job.cache_dir)
    tmp = job.path.with_suffix(job.path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(job.path)
    return job.path, time.perf_counter() - start


def _draw_charts(charts_to_draw: tuple[Chart, ...], cache_dir: Path) -> int:
    from karne.reporting import charts

    for chart in charts_to_draw:
        charts.render(chart, "png", cache_dir)
    return len(charts_to_draw)


def _pool(workers: int) -> Executor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


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
    needs_charts = any(j.fmt in ("pdf", "docx") for j in jobs)
    charts = (
        tuple(dict.fromkeys(f.chart for r in reports for f in r.figures())) if needs_charts else ()
    )
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))  # 0 or None: one per core
    if count == 1:
        if charts:
            _draw_charts(charts, cache)
            say(f"{len(charts)} grafik çizildi / charts drawn")
        written = []
        for job in jobs:
            path, seconds = _run_job(job)
            say(f"{path.name} yazıldı / written ({seconds:.1f} s)")
            written.append(path)
        return written
    with _pool(count) as pool:
        if charts:
            chunks = [charts[i::count] for i in range(count)]
            drawn = [pool.submit(_draw_charts, c, cache) for c in chunks if c]
            for finished in as_completed(drawn):
                finished.result()
            say(f"{len(charts)} grafik çizildi / charts drawn")
        futures: dict[Future[tuple[Path, float]], Job] = {pool.submit(_run_job, j): j for j in jobs}
        written = []
        for done in as_completed(futures):
            path, seconds = done.result()
            say(f"{path.name} yazıldı / written ({seconds:.1f} s)")
            written.append(path)
    order = {j.path: i for i, j in enumerate(jobs)}
    return sorted(written, key=order.__getitem__)
