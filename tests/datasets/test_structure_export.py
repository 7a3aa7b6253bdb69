"""An administration built in the browser's services exports a dataset the reader accepts.

Starting from an administration with nothing but its name, the structure is built through the
structure services (the same calls the pages make); the export reads back with `read_dataset`,
loads into an empty database and exports again byte for byte. The second, differently shaped
administration (tests/reporting/small_dataset.py) is edited the same way.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from karne.accounts.services import member_create
from karne.core.records import Administration, Dataset
from karne.core.workflow import Role
from karne.dataformat import read_dataset, write_dataset
from karne.datasets.selectors import dataset_read
from karne.datasets.services import dataset_load
from karne.structure.services import Refused, duty_move, structure_delete, structure_save
from tests.reporting.small_dataset import small_dataset

pytestmark = pytest.mark.django_db
KARNE = Path(sys.executable).with_name("karne")


def _administrator(code: str) -> Any:
    member_create(
        administration=code, username=f"yonetici-{code}", password="x" * 14, role=Role.ADMIN
    )
    return get_user_model().objects.get(username=f"yonetici-{code}")


def _build(user: Any) -> None:
    def save(kind: str, data: dict[str, str], parent: str = "") -> str:
        return structure_save(user=user, kind=kind, key=None, data=data, parent=parent)

    unit = {"location": "central", "is_spending_unit": "true", "valid_from": "", "valid_to": ""}
    save("birim", {**unit, "code": "YI", "name": "Yeni İdare", "parent": "", "sort": "1"})
    save(
        "birim", {**unit, "code": "YI.PDB", "name": "Planlama Dairesi", "parent": "YI", "sort": "2"}
    )
    save(
        "birim",
        {**unit, "code": "YI.ESKI", "name": "Eski Daire", "parent": "YI", "sort": "3"}
        | {"valid_from": "2015", "valid_to": "2023", "is_spending_unit": ""},
    )
    years = {"valid_from": "", "valid_to": ""}
    save("gorev", {"unit": "YI", "text": "Kanunla verilen hizmetleri yürütmek.", **years})
    save("gorev", {"unit": "YI.PDB", "text": "Planı hazırlamak.", **years})
    reports = save("gorev", {"unit": "YI.PDB", "text": "Raporları derlemek.", **years})
    assert duty_move(user=user, key=reports, up=True)
    save(
        "gorev",
        {"unit": "YI.ESKI", "text": "Eski işler.", "valid_from": "2015", "valid_to": "2023"},
    )
    save(
        "plan",
        {
            "code": "SP2024",
            "title": "2024-2028 Stratejik Planı",
            "start_year": "2024",
            "end_year": "2028",
        },
    )
    save("amac", {"code": "A1", "title": "HİZMET", "statement": "Hizmeti iyileştirmek."}, "SP2024")
    save("hedef", {"code": "H1.1", "short_title": "Süre", "responsible_units": "YI.PDB"}, "A1")
    save(
        "sp-gosterge",
        {
            "code": "PG1.1.1",
            "objective": "H1.1",
            "name": "Ortalama işlem süresi",
            "unit": "gün",
            "weight": "100",
            "baseline": "12",
            "direction": "decrease",
            "sort": "1",
        },
    )
    for year, target in (("2024", "11"), ("2025", "10,5")):
        save("sp-hedef", {"indicator": "PG1.1.1", "year": year, "target": target.replace(",", ".")})
    save("program", {"code": "HZ", "name": "HİZMET PROGRAMI"}, "2024")
    save("alt-program", {"code": "HZ.TEMEL", "name": "Temel Hizmetler"}, "2024/HZ")
    save(
        "alt-program-amaci",
        {"code": "HZ.TEMEL.H1", "text": "Hızlı hizmet", "sp_aims": "A1"},
        "2024/HZ.TEMEL",
    )
    save(
        "faaliyet",
        {"code": "HZ.TEMEL.F1", "name": "Başvurular", "responsible_unit": "YI.PDB"},
        "2024/HZ.TEMEL",
    )
    save(
        "pp-gosterge",
        {
            "code": "HZ-01",
            "year": "2024",
            "sub_program": "HZ.TEMEL",
            "sort": "1",
            "name": "Sonuçlanan başvuru oranı",
            "unit": "%",
            "kind": "ratio",
            "direction": "increase",
            "description": "Sonuçlanan başvuruların tüm başvurulara oranı.",
            "calculation_method": "Sonuçlanan / toplam × 100",
            "data_source": "YI.PDB",
            "responsible_administration": "YENİ İDARE",
            "responsible_unit": "YI.PDB",
            "sp_indicator": "PG1.1.1",
        },
    )
    structure_save(
        user=user,
        kind="birim",
        key="YI.PDB",
        data={**unit, "name": "Planlama Dairesi Başkanlığı", "parent": "YI", "sort": "2"},
    )


def _same(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert mismatch + errors == []


def _fresh_load_and_export(first: Path, second: Path, tmp_path: Path) -> None:
    """Load the export into a new, empty database and export it again (the command line, as
    a new installation would do it)."""
    env = {**os.environ, "KARNE_DB_PATH": str(tmp_path / "fresh.sqlite3")}
    for name in ("DJANGO_SETTINGS_MODULE", "KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE"):
        env.pop(name, None)
    for args in (("load", str(first)), ("export", str(second))):
        done = subprocess.run(
            [str(KARNE), *args], env=env, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, done.stderr


def test_an_administration_built_in_the_services_exports_a_valid_dataset(tmp_path: Path) -> None:
    dataset_load(dataset=Dataset(administration=Administration("yeni-idare", "Yeni İdare")))
    _build(_administrator("yeni-idare"))
    write_dataset(dataset_read(administration="yeni-idare"), tmp_path / "first")
    exported = read_dataset(tmp_path / "first")
    assert [u.code for u in exported.units] == ["YI", "YI.PDB", "YI.ESKI"]
    assert exported.units[2].valid_to == 2023
    assert [(d.unit, d.text) for d in exported.duties] == [
        ("YI", "Kanunla verilen hizmetleri yürütmek."),
        ("YI.PDB", "Raporları derlemek."),  # moved up
        ("YI.PDB", "Planı hazırlamak."),
        ("YI.ESKI", "Eski işler."),
    ]
    assert exported.pp_indicators[0].sp_indicator == "PG1.1.1"
    assert [(v.year, str(v.target)) for v in exported.sp_indicator_values] == [
        (2024, "11"),
        (2025, "10.5"),
    ]
    assert "YI.ESKI,Eski Daire,YI,central,false,3,2015,2023" in (
        tmp_path / "first" / "units.csv"
    ).read_text("utf-8")
    _fresh_load_and_export(tmp_path / "first", tmp_path / "second", tmp_path)
    _same(tmp_path / "first", tmp_path / "second")


def test_the_second_administration_is_edited_and_still_reads(tmp_path: Path) -> None:
    small = small_dataset()
    dataset_load(dataset=small)
    user = _administrator("ornek-su")
    structure_save(
        user=user,
        kind="faaliyet",
        key=None,
        data={"code": "SU.ABONE.SAYAC", "name": "Sayaç Okuma", "responsible_unit": "ABH"},
        parent="2024/SU.ABONE",
    )
    indicator = next(i for i in small.pp_indicators if i.code == "IC-02")
    card = {
        "sub_program": indicator.sub_program,
        "sort": str(indicator.sort),
        "name": "Arıza sayısı (yeni ad)",
        "unit": indicator.unit,
        "kind": indicator.kind.value,
        "direction": indicator.direction.value,
        "responsible_unit": "ABH",
    }
    structure_save(user=user, kind="pp-gosterge", key="IC-02", data=card)
    with pytest.raises(Refused) as refused:
        structure_save(
            user=user, kind="pp-gosterge", key="IC-02", data={**card, "sub_program": "SU.YOK"}
        )
    assert list(refused.value.errors) == ["sub_program"]
    with pytest.raises(Refused):  # TES has budget rows and activities
        structure_delete(user=user, kind="birim", key="TES")
    write_dataset(dataset_read(administration="ornek-su"), tmp_path / "edited")
    edited = read_dataset(tmp_path / "edited")
    assert (
        next(i for i in edited.pp_indicators if i.code == "IC-02").name == "Arıza sayısı (yeni ad)"
    )
    assert "SU.ABONE.SAYAC" in (tmp_path / "edited" / "programs.yaml").read_text("utf-8")
    assert edited.realizations == small.realizations
