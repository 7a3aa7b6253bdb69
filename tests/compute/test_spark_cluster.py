"""The same definitions on a Spark cluster: a standalone master and one worker, each its own JVM
started from the PySpark package's `spark-class`, and `karne indicators compute --engine spark
--spark-master spark://…` driving them from a fresh process (the executors run in the worker's
JVM, not in the driver). Its values and breakdowns must equal DuckDB's.

Skipped, failed or run in the first pass only, as the conformance suite's Spark cases are
(test_conformance.py). One quarter and three of the reference's definitions (a stock with its
end date, distinct persons with a filter, a ratio; all with breakdowns) keep it short: the
cluster's start and the executor's are most of its time.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from karne.cli.database import reference_dataset_path
from karne.cli.main import main
from karne.dataformat.definitions import FILENAME
from tests.compute.test_conformance import require_spark

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90.0  # seconds for the master and its worker to be up (a JVM each)
CHOSEN = ("ikamet-aktif", "uyum-kursu-katilan", "geri-kabul-yanit-orani")


def _chosen_definitions(folder: Path) -> Path:
    """The reference's definitions of CHOSEN, as written there."""
    text = (reference_dataset_path() / FILENAME).read_text(encoding="utf-8")
    blocks = [f"- id: {b}" for b in text.split("\n- id: ")[1:]]
    kept = [b for b in blocks if b.split("\n", 1)[0].removeprefix("- id: ").strip() in CHOSEN]
    assert len(kept) == len(CHOSEN)
    path = folder / FILENAME
    path.write_text("\n".join(b.rstrip("\n") for b in kept) + "\n", encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def _state(ui: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=5) as answer:
        state: dict[str, Any] = json.load(answer)
        return state


class Cluster:
    """A master and one worker on loopback, stopped with their process groups."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port, self.ui = _free_port(), _free_port()
        self.env = {
            **os.environ,
            "SPARK_HOME": str(_spark_home()),
            "SPARK_LOCAL_IP": "127.0.0.1",
        }
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        folder = self.folder
        worker_ui = _free_port()
        self._start(
            "master",
            "org.apache.spark.deploy.master.Master",
            *("--host", "127.0.0.1", "--port", str(self.port), "--webui-port", str(self.ui)),
        )
        self._wait(lambda state: True, "the master")
        self._start(
            "worker",
            "org.apache.spark.deploy.worker.Worker",
            self.url,
            *("--cores", "1", "--memory", "1g", "--webui-port", str(worker_ui)),
            *("--work-dir", str(folder / "work")),
        )
        self._wait(lambda state: state.get("aliveworkers", 0) >= 1, "a worker")

    @property
    def url(self) -> str:
        return f"spark://127.0.0.1:{self.port}"

    def _start(self, name: str, main_class: str, *args: str) -> None:
        log = (self.folder / f"{name}.log").open("wb")
        command = [str(_spark_home() / "bin" / "spark-class"), main_class, *args]
        self.processes.append(
            subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=self.env, start_new_session=True
            )
        )

    def _wait(self, ready: Any, what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if ready(_state(self.ui)):
                    return
            except (OSError, ValueError):  # not listening yet, or not answering JSON yet
                pass
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(0.5)
        logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in self.folder.glob("*.log"))
        raise AssertionError(f"{what} of the Spark cluster did not start:\n{logs}")

    def state(self) -> dict[str, Any]:
        return _state(self.ui)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    require_spark()
    started = Cluster(tmp_path_factory.mktemp("spark-cluster"))
    try:
        started.start()
        yield started
    finally:
        started.stop()


def test_the_definitions_on_a_cluster_equal_duckdb_s(
    cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events"
    synth = ["synth", "--events", "20000", "--seed", "7", "--out", str(events), "--no-calibrate"]
    assert main(synth) == 0
    argv = ["indicators", "compute", "--year", "2023", "--quarter", "4", "--events", str(events)]
    argv += ["--breakdowns", "--json", "--definitions", str(_chosen_definitions(tmp_path))]
    capsys.readouterr()
    assert main(argv) == 0
    on_duckdb = json.loads(capsys.readouterr().out)["values"]
    spark = ["--engine", "spark", "--spark-master", cluster.url]
    done = subprocess.run(
        [sys.executable, "-m", "karne.cli.main", *argv, *spark],
        capture_output=True,
        text=True,
        env={**cluster.env, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    on_spark = json.loads(done.stdout)["values"]

    def comparable(values: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        keys = ("indicator", "period", "value", "numerator", "denominator")
        return [
            (*(v.get(k) for k in keys), json.dumps(v["breakdowns"], sort_keys=True)) for v in values
        ]

    assert [(v["indicator"], v["period"]) for v in on_spark] == [
        ("GYH-01", "Q4"),
        ("GYH-02", "Q4"),
        ("DG-02", "Q4"),
    ]
    assert all(v["breakdowns"] for v in on_spark)
    assert comparable(on_spark) == comparable(on_duckdb)
    assert {v["provenance"]["engine"] for v in on_spark} == {"spark"}
    # It ran on the cluster: the master kept the application, which had the worker's executor.
    [app] = cluster.state()["completedapps"]
    assert app["name"] == "karne"
    assert app["cores"] == 1
