from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from karne.cli.main import main
from karne.organisation.models import Unit
from karne.publications.models import PrintedFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(reference_path: Path) -> Path:
    assert main(["load", str(reference_path)]) == 0
    return reference_path


def test_evaluate_json_has_every_indicator(
    loaded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["evaluate", "--year", "2023", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    indicators = {i["code"]: i for i in data["indicators"]}
    assert len(indicators) == 22
    for item in indicators.values():
        assert {"name", "target", "year_end", "rate", "status"} <= item.keys()
    assert (indicators["GYH-01"]["target"], indicators["GYH-01"]["year_end"]) == (
        "1280000",
        "1009098",
    )
    assert indicators["GYH-01"]["rate"] == "78.84"
    assert indicators["GYH-01"]["status"] == "Hedeflenen Değere Ulaşılamadı"
    assert indicators["GYH-01"]["year_end_method"] == "last_reported_quarter"
    assert indicators["DG-06"]["year_end_method"] == "sum_of_quarters"
    assert indicators["GYH-09"]["year_end_method"] == "reported_for_year"
    sp = {s["code"]: s for s in data["sp_indicators"]}
    assert len(sp) == 40
    assert sp["PG1.3.3"]["performance"] == "53"
    objectives = {o["code"]: o for o in data["objectives"]}
    assert objectives["H1.3"]["performance"] == "95"
    assert objectives["H1.3"]["complete"] is True
    assert objectives["H1.1"]["complete"] is False
    total = data["budget"]["economic_total"]["execution"]
    assert total["total_appropriation"] == "16723081452.00"
    assert total["realization_rate"] == "98.83"
    assert data["budget"]["by_unit"][-1]["code"] == "GENEL_TOPLAM"
    assert data["budget"]["carried_over"] == "35788950.37"
    assert data["costs"][0]["document"] == "PP2023"


def test_evaluate_tables_for_people(loaded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["evaluate", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "%78,84" in out
    assert "16.723.081.452,00" in out
    assert "Hedeflenen Değere Kısmen Ulaşıldı" in out


def test_load_of_a_bad_dataset_changes_nothing(
    loaded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (Unit.objects.count(), PrintedFigure.objects.count())
    bad = tmp_path / "bad"
    shutil.copytree(loaded, bad)
    (bad / "units.csv").write_text("code,name\nX,Y\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["load", str(bad), "--replace"]) == 2
    err = capsys.readouterr().err
    assert "units.csv, line 1, field 'parent'" in err
    assert "nothing was changed" in err
    assert (Unit.objects.count(), PrintedFigure.objects.count()) == before


def test_loading_again_without_replace_is_refused(
    loaded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["load", str(loaded)]) == 3
    assert "--replace" in capsys.readouterr().err


def test_export_writes_the_dataset(loaded: Path, tmp_path: Path) -> None:
    assert main(["export", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "units.csv").read_bytes() == (loaded / "units.csv").read_bytes()


def test_check_reports_problems_without_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "dataset.yaml" in capsys.readouterr().err


def test_demo_runs_as_a_real_command(tmp_path: Path) -> None:
    """The README's main job, end to end, as a user runs it: a fresh SQLite file, no server."""
    karne = Path(sys.executable).with_name("karne")
    env = {**os.environ, "KARNE_DATA_DIR": str(tmp_path)}
    for name in ("DJANGO_SETTINGS_MODULE", "KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE"):
        env.pop(name, None)  # the defaults a fresh machine has
    done = subprocess.run(
        [str(karne), "demo"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "GYH-14" in done.stdout
    assert "%96,85" in done.stdout
    assert (tmp_path / "demo.sqlite3").is_file()
    again = subprocess.run(
        [str(karne), "demo"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr  # fresh database each time
    # The README's next step, in the same folder: the main database is empty, and the message
    # says what to do, naming the demo's own database, with which it then works.
    env.pop("KARNE_DB_PATH", None)
    after = subprocess.run(
        [str(karne), "evaluate", "--year", "2023"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert after.returncode == 3
    assert "karne load" in after.stderr
    assert f"KARNE_DB_PATH={tmp_path / 'demo.sqlite3'}" in after.stderr
    demo_env = {**env, "KARNE_DB_PATH": str(tmp_path / "demo.sqlite3")}
    on_demo = subprocess.run(
        [str(karne), "evaluate", "--year", "2023"],
        env=demo_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert on_demo.returncode == 0, on_demo.stderr


def test_evaluate_a_year_without_data_says_so(
    loaded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["evaluate", "--year", "1999"]) == 4
    assert "no data for 1999" in capsys.readouterr().err
