from __future__ import annotations

import json
from pathlib import Path

import pytest

from karne.cli.main import main
from karne.dataformat import write_dataset
from tests.audit.factory import clean_dataset


def test_audit_of_a_folder_exits_non_zero_on_errors(
    reference_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(reference_path), "--year", "2023"]) == 1
    out = capsys.readouterr().out
    assert "HATA   SP-PERFORMANCE" in out
    assert "PG1.1.5" in out


def test_audit_of_a_clean_folder_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_dataset(clean_dataset(), tmp_path / "clean")
    assert main(["audit", str(tmp_path / "clean"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [report] = data["reports"]
    assert report["year"] == 2024
    assert report["summary"]["errors"] == 0
    assert report["findings"] == []
    assert set(data["rules"]) >= {"TOTAL", "CLAIM", "ROUNDING"}


def test_audit_json_and_html(reference_path: Path, tmp_path: Path) -> None:
    assert (
        main(["audit", str(reference_path), "--format", "json", "--out", str(tmp_path / "a.json")])
        == 1
    )
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    finding = data["reports"][0]["findings"][0]
    assert {
        "rule",
        "severity",
        "document",
        "table",
        "row",
        "column",
        "printed",
        "expected",
        "message",
        "place",
    } <= finding.keys()
    assert (
        main(["audit", str(reference_path), "--format", "html", "--out", str(tmp_path / "a.html")])
        == 1
    )
    page = (tmp_path / "a.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "http" not in page
    assert "Genel Toplam" in page


@pytest.mark.django_db
def test_audit_of_the_database(reference_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(reference_path)]) == 0
    capsys.readouterr()
    assert main(["audit", "--year", "2023", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["reports"][0]["summary"]["errors"] == 36
