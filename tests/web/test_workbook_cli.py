"""`karne workbook export` and `karne workbook import`: the preview as text and JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from karne.cli.main import main
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization
from tests.web.workbooks import counts, fill


def _export(tmp_path: Path, user: str = "veri.ygm") -> Path:
    out = tmp_path / "ygm.xlsx"
    export = ["workbook", "export", "--year", "2023", "--quarter", "1", "--unit", "YGM"]
    code = main([*export, "--user", user, "-o", str(out)])
    assert code == 0
    return out


def test_export_preview_then_confirm(
    site: MonitoringPeriod, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export(tmp_path)
    assert "3 satır" in capsys.readouterr().out
    path.write_bytes(fill(path.read_bytes(), {("GYH-01", "value"): "1.300.000"}))
    before = counts()
    assert main(["workbook", "import", str(path), "--user", "veri.ygm", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True
    assert data["saved"] is None
    assert data["counts"] == {"new": 0, "changed": 1, "unchanged": 2, "conflict": 0}
    assert data["rows"][0]["uploaded"]["value"] == "1300000"
    assert counts() == before  # a preview saves nothing
    assert main(["workbook", "import", str(path), "--user", "veri.ygm", "--confirm"]) == 0
    out = capsys.readouterr().out
    assert "changed   GYH-01       1237803 → 1300000" in out
    assert "Kaydedildi / saved: 1" in out
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == 1300000
    record = ChangeRecord.objects.get(key="GYH-01/2023/Q1", field="value")
    assert (record.username, record.reason) == ("veri.ygm", "çalışma kitabı: ygm.xlsx")
    assert main(["workbook", "import", str(path), "--user", "veri.ygm", "--confirm"]) == 0
    assert "Kaydedilecek değişiklik yok" in capsys.readouterr().out


def test_errors_exit_1_and_list_every_cell(
    site: MonitoringPeriod, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export(tmp_path)
    capsys.readouterr()
    path.write_bytes(
        fill(path.read_bytes(), {("GYH-01", "value"): "x", ("GYH-07", "value"): "=1+1"})
    )
    before = counts()
    assert main(["workbook", "import", str(path), "--user", "veri.ygm", "--confirm"]) == 1
    out = capsys.readouterr().out
    assert "Form!E6 GYH-01" in out
    assert "Form!E7 GYH-07" in out
    assert "nothing was saved" in out
    assert counts() == before


def test_refusals_exit_2_and_3(
    site: MonitoringPeriod, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export(tmp_path)
    assert main(["workbook", "import", str(path), "--user", "okur"]) == 3  # a reader
    assert main(["workbook", "import", str(path), "--user", "kimse"]) == 3
    assert main(["workbook", "import", str(path), "--user", "veri.ukgm"]) == 3  # not its unit
    bad = tmp_path / "not.xlsx"
    bad.write_bytes(b"just text")
    assert main(["workbook", "import", str(bad), "--user", "veri.ygm", "--json"]) == 2
    out = capsys.readouterr().out
    assert json.loads(out[out.index("{") :])["refused"].startswith("Dosya bir Excel")
    export = ["workbook", "export", "--year", "2023", "--quarter", "4", "--unit", "YGM"]
    assert main([*export, "--user", "veri.ygm", "-o", str(tmp_path / "q4.xlsx")]) == 3
