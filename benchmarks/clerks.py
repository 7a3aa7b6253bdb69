"""Load with writes on PostgreSQL: concurrent clerks saving entry forms, then no lost updates.

Clerks (threads, 127.0.0.1 only) share the units that have indicators, so several edit one form
at once: each one opens its unit's entry form, changes one value (with an explanation), and posts
the whole form back as a browser would. The server either saves (302) or refuses a stale version
(409: a conflict, the correct answer, counted apart from errors). Afterwards every save the server
accepted is checked against the database: each row's final value, explanation and version, and
its change trail (one "value" and one "explanation" record per accepted save, each `old` the
previous `new`).

Then a web request during a long load: while `karne load` of a large dataset (the reference
dataset under a second administration code, with many extra printed-table rows) runs in another
process, first as a new load and then with `--replace`, the readiness check and a signed-in
page are requested every 0.5 s.

Run inside a throwaway cluster: `make bench-clerks`, i.e.
`tools/pg-cluster.sh .venv/bin/python benchmarks/clerks.py` (needs KARNE_DATABASE_URL).
Exits non-zero on any error (5xx, unexpected status, connection error) or lost update.
"""

from __future__ import annotations

import argparse
import datetime
import html
import http.client
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ADMINISTRATION = "goc-idaresi"
BIG_ADMINISTRATION = "goc-idaresi-yuk"
YEAR, QUARTER = 2023, 1
PERIOD_CODE = f"Q{QUARTER}"
FIELD = re.compile(
    r'<input[^>]*? name="((?:was-)?(?:value|num|den|exp|ver)-[^"]+)"[^>]*?value="([^"]*)"'
)
TEXTAREA = re.compile(r'<textarea[^>]*? name="(exp-[^"]+)"[^>]*>([^<]*)</textarea>')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MAX_ROUNDS = 99_999  # per clerk: bounds every loop (values encode the round in five digits)


def server_env() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "KARNE_DEBUG": "false"}


# --- setup, through the project's own services ------------------------------------------------


@dataclass(frozen=True)
class Clerk:
    index: int
    username: str
    unit: str
    session: str


@dataclass(frozen=True)
class Stored:
    value: Decimal | None
    explanation: str
    version: int


def prepare(clerks: int) -> tuple[list[Clerk], dict[str, Stored]]:
    """Reference dataset, 2023 Q1 open, clerks spread over the units that have indicators,
    a session for each (made directly, as a login would). Returns the clerks and the stored
    state of every Q1 realization before the run."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.setdefault("KARNE_LOG_LEVEL", "WARNING")  # errors still reach the server log
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from karne.accounts.services import member_create
    from karne.cli.database import reference_dataset_path
    from karne.core.workflow import Role
    from karne.dataformat import read_dataset
    from karne.datasets.services import dataset_load
    from karne.monitoring.models import Submission
    from karne.monitoring.services import period_open

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("clerks.py: run it on PostgreSQL (make bench-clerks)")
    call_command("migrate", verbosity=0)
    dataset_load(dataset=read_dataset(reference_dataset_path()))
    admin = member_create(
        administration=ADMINISTRATION, username="strateji", password="x" * 16, role=Role.ADMIN
    )
    period = period_open(
        user=admin.user,
        year=YEAR,
        quarter=QUARTER,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    units = [
        s.unit.code
        for s in Submission.objects.filter(period=period)
        .select_related("unit")
        .order_by("unit__position")
    ]
    out = []
    for i in range(clerks):
        unit = units[i % len(units)]
        m = member_create(
            administration=ADMINISTRATION,
            username=f"katip{i}",
            password="x" * 16,
            role=Role.CLERK,
            units=(unit,),
        )
        session = SessionStore()
        session[SESSION_KEY] = str(m.user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = m.user.get_session_auth_hash()
        session.create()
        out.append(Clerk(i, m.user.get_username(), unit, session.session_key or ""))
    return out, stored_realizations()


def stored_realizations() -> dict[str, Stored]:
    from karne.monitoring.models import Realization

    rows = Realization.objects.filter(
        indicator__sub_program__program__administration__code=ADMINISTRATION,
        year=YEAR,
        period=PERIOD_CODE,
    ).select_related("indicator")
    return {r.indicator.code: Stored(r.value, r.explanation, r.version) for r in rows}


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "karne"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=server_env(), stdout=out, stderr=out)
    for _ in range(600):  # up to 60 s for the migration check and the workers
        if server.poll() is not None:
            raise SystemExit(f"karne serve exited with {server.returncode}; see {log}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/saglik/hazir/")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            pass
        time.sleep(0.1)
    stop_server(server)
    raise SystemExit(f"karne serve did not become ready; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# --- a browser, as far as a clerk needs one --------------------------------------------------


@dataclass
class Request:
    page: str
    status: int | str  # an HTTP status, or "connection error"
    seconds: float


@dataclass(frozen=True)
class Write:
    """One POST of a changed row: what the client sent and what the server answered."""

    clerk: int
    indicator: str
    version: int  # the version the form was opened at
    value: Decimal
    explanation: str
    sent: float
    status: int | str


class Browser:
    """One keep-alive connection with its cookies; reconnects after a connection error."""

    def __init__(self, port: int, session: str) -> None:
        self.port = port
        self.cookies: dict[str, str] = {"sessionid": session}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int | str, str, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return "connection error", type(exc).__name__, time.perf_counter() - start
        elapsed = time.perf_counter() - start
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, text, elapsed

    def close(self) -> None:
        self.conn.close()


def form_fields(page: str) -> dict[str, str]:
    """The entry form's inputs as a browser would post them back (see tests/web/helpers.py)."""
    fields = {name: html.unescape(value) for name, value in FIELD.findall(page)}
    for name, text in TEXTAREA.findall(page):
        fields[name] = html.unescape(text)
    token = CSRF.search(page)
    if token:
        fields["csrfmiddlewaretoken"] = token.group(1)
    return fields


def turkish(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@dataclass
class Results:
    requests: list[Request] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    samples: dict[str, str] = field(default_factory=dict)  # first body per unexpected answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, request: Request, write: Write | None = None, body: str = "") -> None:
        with self.lock:
            self.requests.append(request)
            if write is not None:
                self.writes.append(write)
            expected = {"entry GET": (200,), "entry POST": (302, 409)}.get(request.page, (200,))
            if request.status not in expected:
                self.samples.setdefault(f"{request.page} {request.status}", body[:2000])


def clerk_loop(clerk: Clerk, port: int, deadline: float, results: Results) -> None:
    """GET the form, change one row, POST it; until the deadline (and at most MAX_ROUNDS)."""
    rng = random.Random(clerk.index)
    path = f"/donem/{YEAR}/{QUARTER}/birim/{clerk.unit}/"
    browser = Browser(port, clerk.session)
    for seq in range(MAX_ROUNDS):
        if time.perf_counter() >= deadline:
            break
        status, page, seconds = browser.request("GET", path)
        results.add(Request("entry GET", status, seconds), body=page)
        if status != 200:
            continue
        fields = form_fields(page)
        # Rows with a plain value (ratio rows take parts): a clerk changes one of them.
        codes = sorted(
            name[len("value-") :]
            for name in fields
            if name.startswith("value-") and f"num-{name[len('value-') :]}" not in fields
        )
        if not codes or "csrfmiddlewaretoken" not in fields:
            results.add(Request("entry GET", "form unreadable", 0.0), body=page)
            continue
        code = rng.choice(codes)
        # A plausible change of the shown figure (the form refuses implausible ones); the
        # explanation makes each save recognisable; the magnitude confirmation is ticked.
        shown = fields.get(f"value-{code}", "").replace(".", "").split(",")[0]
        value = (int(shown) if shown.isdigit() else 1000) + 1 + seq
        explanation = f"Sapma nedeni: katip {clerk.index}, kayıt {seq}"
        fields[f"value-{code}"] = turkish(value)
        fields[f"exp-{code}"] = explanation
        fields[f"confirm-{code}"] = "1"
        sent = time.perf_counter()
        status, page, seconds = browser.request("POST", path, fields)
        write = Write(
            clerk.index,
            code,
            int(fields[f"ver-{code}"]),
            Decimal(value),
            explanation,
            sent,
            status,
        )
        results.add(Request("entry POST", status, seconds), write, page)
    browser.close()


# --- no lost updates --------------------------------------------------------------------------


def lost_updates(writes: list[Write], before: dict[str, Stored]) -> list[str]:
    """Every accepted save against the stored rows and the trail; the discrepancies, if any.

    Saves of one row are serialised by the server and each names the version it saw, so the
    accepted ones, in the order they were sent, must have named versions v0, v0+1, …"""
    from karne.core.decimals import decimal_text
    from karne.monitoring.models import ChangeRecord

    after = stored_realizations()
    problems: list[str] = []
    unknown = sorted({w.indicator for w in writes} - set(before))
    problems += [f"{code}: written but not a stored Q1 row before the run" for code in unknown]
    for code, start in sorted(before.items()):
        accepted = sorted((w for w in writes if w.indicator == code and w.status == 302), key=_sent)
        end = after.get(code)
        if end is None:
            problems.append(f"{code}: the row is gone")
            continue
        versions = [w.version for w in accepted]
        expected = list(range(start.version, start.version + len(accepted)))
        if versions != expected:
            problems.append(f"{code}: accepted saves named versions {versions}, not {expected}")
        last_value = accepted[-1].value if accepted else start.value
        last_exp = accepted[-1].explanation if accepted else start.explanation
        if end.version != start.version + len(accepted):
            problems.append(
                f"{code}: version {end.version}, expected {start.version} + {len(accepted)} "
                "accepted saves"
            )
        if end.value != last_value:
            problems.append(f"{code}: value {end.value}, the last accepted save sent {last_value}")
        if end.explanation != last_exp:
            problems.append(f"{code}: explanation {end.explanation!r}, last sent {last_exp!r}")
        trail = ChangeRecord.objects.filter(
            subject="realization", key=f"{code}/{YEAR}/{PERIOD_CODE}"
        ).order_by("pk")
        first = {
            "value": "" if start.value is None else decimal_text(start.value),
            "explanation": start.explanation,
        }
        sent = {
            "value": [decimal_text(w.value) for w in accepted],
            "explanation": [w.explanation for w in accepted],
        }
        for name in ("value", "explanation"):
            chain = [(r.old, r.new) for r in trail if r.field == name]
            if len(chain) != len(accepted):
                problems.append(
                    f"{code}: {len(chain)} {name} trail records for {len(accepted)} accepted saves"
                )
            previous = first[name]
            for i, (old, new) in enumerate(chain):
                if old != previous:
                    problems.append(
                        f"{code}: {name} record {i} old {old!r}, previous new was {previous!r}"
                    )
                previous = new
            if [new for _, new in chain] != sent[name]:
                problems.append(f"{code}: {name} trail does not list the accepted saves in order")
        others = sorted({r.field for r in trail} - {"value", "explanation"})
        if others:
            problems.append(f"{code}: unexpected trail fields {others}")
    return problems


def _sent(write: Write) -> float:
    return write.sent


# --- a web request during a long load ---------------------------------------------------------


def big_dataset(folder: Path, rows: int) -> Path:
    """The reference dataset under another administration code with `rows` extra printed cells."""
    from karne.cli.database import reference_dataset_path

    target = folder / "big-dataset"
    shutil.copytree(reference_dataset_path(), target)
    for name, key, new in (
        ("administration.yaml", "code", BIG_ADMINISTRATION),
        ("dataset.yaml", "administration", BIG_ADMINISTRATION),
    ):
        path = target / name
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [f"{key}: {new}" if line.startswith(f"{key}: ") else line for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (target / "printed.csv").open("a", encoding="utf-8") as out:
        for i in range(rows):
            out.write(f"PP2023,Tablo 1,Ek satır {i},area_m2,{i},{turkish(i)}\n")
    return target


@dataclass
class LoadRun:
    label: str
    seconds: float = 0.0
    returncode: int = 0
    output: str = ""
    probes: dict[str, list[Request]] = field(default_factory=dict)


def during_load(
    label: str, command: list[str], port: int, clerk: Clerk, interval: float, limit: float
) -> LoadRun:
    run = LoadRun(label, probes={"/saglik/hazir/": [], "entry page": []})
    paths = {
        "/saglik/hazir/": "/saglik/hazir/",
        "entry page": f"/donem/{YEAR}/1/birim/{clerk.unit}/",
    }
    browser = Browser(port, clerk.session)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=server_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    for _ in range(int(limit / interval)):
        if process.poll() is not None:
            break
        tick = time.perf_counter()
        for name, path in paths.items():
            status, _, seconds = browser.request("GET", path)
            run.probes[name].append(Request(name, status, seconds))
        time.sleep(max(0.0, interval - (time.perf_counter() - tick)))
    else:
        process.kill()
    out, _ = process.communicate(timeout=60)
    run.seconds = time.perf_counter() - start
    run.returncode = process.returncode
    run.output = out.decode("utf-8", "replace").strip()
    browser.close()
    return run


# --- the report -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least q % of the values at or below it."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def report(
    args: argparse.Namespace,
    clerks: list[Clerk],
    results: Results,
    wall: float,
    problems: list[str],
    loads: list[LoadRun],
    server_log: Path,
) -> int:
    units = Counter(c.unit for c in clerks)
    print()
    print(
        f"Clerks on PostgreSQL: {len(clerks)} clerks on {len(units)} units "
        f"({', '.join(f'{u}×{n}' for u, n in units.items())}), {wall:.1f} s, "
        f"karne serve --workers {args.workers} --threads {args.threads}"
    )
    print()
    print(f"  {'page':<12} {'status':<18} {'requests':>8}")
    by_status = Counter((r.page, str(r.status)) for r in results.requests)
    for (page, status), count in sorted(by_status.items()):
        print(f"  {page:<12} {status:<18} {count:8d}")
    print()
    print(f"  {'page':<12} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    pages = sorted({r.page for r in results.requests})
    for page in [*pages, "all"]:
        times = [
            r.seconds
            for r in results.requests
            if (page == "all" or r.page == page) and isinstance(r.status, int)
        ]
        print(
            f"  {page:<12} {len(times):6d} {ms(percentile(times, 50))} {ms(percentile(times, 95))}"
            f" {ms(percentile(times, 99))} {ms(max(times, default=float('nan')))}"
        )
    posts = results.writes
    accepted = sum(1 for w in posts if w.status == 302)
    conflicts = sum(1 for w in posts if w.status == 409)
    errors = [
        r
        for r in results.requests
        if not (
            (r.page == "entry GET" and r.status == 200)
            or (r.page == "entry POST" and r.status in (302, 409))
        )
    ]
    server_errors = sum(1 for r in errors if isinstance(r.status, int) and r.status >= 500)
    print()
    print(
        f"  throughput: {len(results.requests) / wall:.1f} requests/s, "
        f"{accepted / wall:.1f} accepted saves/s ({accepted} saves of {len(posts)} posts)"
    )
    share = f"{conflicts / len(posts):.0%}" if posts else "-"
    print(f"  conflicts (409, stale version, nothing saved): {conflicts} ({share} of posts)")
    print(
        f"  errors: {len(errors)} (5xx: {server_errors}, connection errors: "
        f"{sum(1 for r in errors if r.status == 'connection error')}, other: "
        f"{sum(1 for r in errors if isinstance(r.status, int) and r.status < 500)})"
    )
    for what, body in results.samples.items():
        print(f"    first {what}: {body[:300]!r}")
    rows = len({w.indicator for w in posts if w.status == 302})
    print(
        f"  lost updates: {len(problems)} discrepancies ({accepted} accepted saves on {rows} rows "
        "checked: value, explanation, version, trail chain)"
    )
    for problem in problems[:50]:
        print(f"    {problem}")
    failed_probes = 0
    print()
    print("During a long load (another process; probes every 0.5 s on the same server):")
    for run in loads:
        print(f"  {run.label}: {run.seconds:.1f} s, exit {run.returncode}: {run.output[-200:]}")
        for name, probes in run.probes.items():
            statuses = Counter(str(p.status) for p in probes)
            times = [p.seconds for p in probes if isinstance(p.status, int)]
            failed_probes += sum(1 for p in probes if p.status != 200)
            print(
                f"    {name:<15} n={len(probes):3d} "
                f"{', '.join(f'{s}×{n}' for s, n in sorted(statuses.items())) or '-':<14} "
                f"p50 {ms(percentile(times, 50))} ms  p95 {ms(percentile(times, 95))} ms  "
                f"max {ms(max(times, default=float('nan')))} ms"
            )
    tracebacks = server_log.read_text(errors="replace").count("Traceback")
    print()
    print(f"  server log: {server_log} ({tracebacks} tracebacks)")
    failed_loads = sum(1 for run in loads if run.returncode != 0)
    failed = bool(errors or problems or failed_probes or failed_loads)
    print(f"  result: {'FAILED' if failed else 'ok'}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--clerks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--load-rows", type=int, default=150_000, help="extra printed rows in the big dataset"
    )
    parser.add_argument("--no-load", action="store_true", help="skip the during-load part")
    args = parser.parse_args()
    if not os.environ.get("KARNE_DATABASE_URL"):
        print("clerks.py: needs KARNE_DATABASE_URL; run `make bench-clerks`", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="karne-clerks-"))
    clerks, before = prepare(args.clerks)
    port = free_port()
    log = workdir / "server.log"
    server = start_server(port, args.workers, args.threads, log)
    results = Results()
    loads: list[LoadRun] = []
    try:
        deadline = time.perf_counter() + args.seconds
        threads = [
            threading.Thread(target=clerk_loop, args=(c, port, deadline, results)) for c in clerks
        ]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        problems = lost_updates(results.writes, before)
        if not args.no_load:
            folder = big_dataset(workdir, args.load_rows)
            karne = str(BIN / "karne")
            for label, command in (
                ("karne load (new)", [karne, "load", str(folder)]),
                ("karne load --replace", [karne, "load", "--replace", str(folder)]),
            ):
                loads.append(during_load(label, command, port, clerks[0], 0.5, 900))
            shutil.rmtree(folder)
    finally:
        stop_server(server)
    return report(args, clerks, results, wall, problems, loads, log)


if __name__ == "__main__":
    raise SystemExit(main())
