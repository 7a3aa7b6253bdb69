"""`karne synth` and `karne indicators compute` from the command line (no database)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from karne.cli.main import main
from karne.compute.synth import table_sizes
from karne.core.decimals import percent
from karne.core.formatting import format_percent
from karne.dataformat.definitions import FILENAME


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("events") / "olaylar"
    assert (
        main(["synth", "--events", "20000", "--seed", "5", "--out", str(out), "--no-calibrate"])
        == 0
    )
    return out


def test_synth_says_what_it_wrote(events: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = events.parent / "again"
    assert (
        main(["synth", "--events", "20000", "--seed", "5", "--out", str(out), "--no-calibrate"])
        == 0
    )
    assert "20.000 olay / events" in capsys.readouterr().out
    assert main(["synth", "--events", "20000", "--out", str(out), "--no-calibrate"]) == 2
    assert "is not an empty folder" in capsys.readouterr().err
    assert main(["synth", "--events", "20000", "--out", str(events.parent / "small")]) == 2
    assert "at least 6905299 events are needed to calibrate GYH-01, " in capsys.readouterr().err


def test_compute_prints_every_definition_with_provenance(
    events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["indicators", "compute", "--year", "2023", "--events", str(events), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    values = data["values"]
    codes = ["GYH-01", "GYH-02", "GYH-03", "GYH-07", "GYH-10", "GYH-11", "GYH-12", "GYH-14"]
    codes += ["DG-01", "DG-06", "DG-07", "DG-02"]
    assert [(v["indicator"], v["period"]) for v in values] == [
        (code, f"Q{q}") for code in codes for q in (1, 2, 3, 4)
    ]
    first = values[0]["provenance"]
    assert first["definition"] == "ikamet-aktif"
    assert first["engine"] == "duckdb"
    assert first["source"] == "ikamet"
    assert first["source_rows"] == table_sizes(20_000)["ikamet"]
    assert first["matched_rows"] == values[0]["value"] > 0
    assert '"issued_on" <= MAKE_DATE(2023, 3, 31)' in first["query"]


def test_compute_one_quarter_as_text_with_breakdowns(
    events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["indicators", "compute", "--year", "2023", "--quarter", "4", "--events", str(events)]
    assert main([*argv, "--breakdowns"]) == 0
    out = capsys.readouterr().out
    assert "GYH-11 2023 Q4:" in out
    assert "GYH-11 2023 Q3:" not in out
    assert "tanım / definition: uk-sonuclandirilan sha256:" in out
    assert "age_band: 0-17=" in out
    assert "12 değer / values" in out


def test_bad_definitions_and_missing_events(
    events: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / FILENAME
    bad.write_text(
        "- {id: x, indicator: GYH-11, source: ikamet, count: events, date: d, kind: ratio}\n",
        encoding="utf-8",
    )
    argv = ["indicators", "compute", "--year", "2023", "--events", str(events)]
    assert main([*argv, "--definitions", str(bad)]) == 2
    assert "field '[0].numerator': expected a measure" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["indicators", "compute", "--year", "2023", "--events", str(empty)]) == 4
    assert "no events of 'ikamet'" in capsys.readouterr().err


def test_a_ratio_as_text_and_json(
    events: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ratio = tmp_path / FILENAME
    ratio.write_text(
        """\
- id: uk-kabul-orani
  indicator: GYH-11
  kind: ratio
  source: uluslararasi_koruma
  count: events
  date: decided_on
  numerator: {kind: flow, filter: [{column: decision, op: "=", value: kabul}]}
  denominator: {kind: flow, filter: [{column: decision, op: in, value: [kabul, ret]}]}
""",
        encoding="utf-8",
    )
    argv = ["indicators", "compute", "--year", "2023", "--quarter", "2", "--events", str(events)]
    assert main([*argv, "--definitions", str(ratio), "--json"]) == 0
    (value,) = json.loads(capsys.readouterr().out)["values"]
    assert 0 < value["numerator"] < value["denominator"]
    assert Decimal(value["value"]) == percent(Decimal(value["numerator"]), value["denominator"])
    assert [m["definition"] for m in value["provenance"]["measures"]] == [
        "uk-kabul-orani.numerator",
        "uk-kabul-orani.denominator",
    ]
    assert main([*argv, "--definitions", str(ratio)]) == 0
    shown = format_percent(Decimal(value["value"]))
    assert f"GYH-11 2023 Q2: {shown} = " in capsys.readouterr().out
    assert main([*argv[:3], "1990", *argv[4:], "--definitions", str(ratio)]) == 0
    assert "GYH-11 1990 Q2: - = 0 / 0 (the denominator is 0)" in capsys.readouterr().out


def test_spark_without_java_is_said(
    events: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(events / "no-java"))
    argv = ["indicators", "compute", "--year", "2023", "--events", str(events)]
    assert main([*argv, "--engine", "spark"]) == 4
    err = capsys.readouterr().err
    assert "karne indicators compute: spark: no Java runtime" in err
    assert "openjdk-17-jre-headless" in err
    assert "Traceback" not in err


def test_a_spark_master_needs_the_spark_engine(
    events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["indicators", "compute", "--year", "2023", "--events", str(events)]
    assert main([*argv, "--spark-master", "spark://127.0.0.1:7077"]) == 2
    assert "--spark-master needs --engine spark" in capsys.readouterr().err
