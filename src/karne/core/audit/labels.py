"""Human labels for row and column keys, so a finding reads as the document reads."""

from __future__ import annotations

from karne.core.budget import ECONOMIC_CODES
from karne.core.periods import QUARTERS
from karne.core.records import Dataset

_MEASURES = {
    "kbo": "KBÖ",
    "added": "Eklenen Ödenek",
    "deducted": "Düşülen Ödenek",
    "total_appropriation": "Toplam Ödenek",
    "spent": "Harcama",
    "remaining": "Kalan",
    "realization_rate": "Gerçekleşme Oranı (%)",
    "spent_to_kbo_rate": "Gerçekleşme/Ödenek (%)",
    "increase_rate": "Artış (%)",
    "budget": "Bütçe",
    "spent_june": "Harcama (Haziran)",
    "forecast": "Tahmin",
    "target": "Hedeflenen Değer",
    "year_end": "Yılsonu Değeri",
    "rate": "Gerçekleşme Oranı (%)",
    "status": "Gerçekleşme Durumu",
    "previous_year": "Önceki Dönem Yılı",
    "previous_value": "Önceki Dönem Değeri",
    "performance": "Performans (%)",
    "name": "Ad",
    "unit": "Ölçü Birimi",
    "short_title": "Başlık",
    "title": "Başlık",
    "total": "Toplam",
    "count": "Sayı",
    "butce_ici": "Bütçe İçi",
    "butce_disi": "Bütçe Dışı",
    "responsible_unit": "Sorumlu Birim",
    "objective_text": "Alt Program Hedefi",
    "sub_program_objective": "Alt Program Hedefi",
    "sp_aim_statement": "İlişkili Stratejik Amaç",
    "sub_program_name": "Alt Program",
    "change_from_previous": "Önceki Yıla Göre Değişim (%)",
    **{q.value.lower(): q.label_tr for q in QUARTERS},
    "weight": "Ağırlık",
    "explanation": "Açıklama",
    "calculation_method": "Hesaplama Yöntemi",
    "description": "Tanım",
    "data_source": "Veri Kaynağı",
}

_TOTALS = {
    "TOPLAM": "Toplam",
    "GENEL_TOPLAM": "Genel Toplam",
    "BUTCE_ICI_TOPLAM": "Bütçe İçi Toplam",
    "BUTCE_DISI_TOPLAM": "Bütçe Dışı Toplam",
    "doner_sermaye": "Döner Sermaye",
    "ozel_hesap": "Özel Hesap",
    "diger": "Diğer Bütçe Dışı Kaynak",
    "merkez": "Merkez Teşkilatı",
    "tasra": "Taşra Teşkilatı",
}


def column_label(key: str) -> str:
    parts = key.split(".")
    return " ".join(_MEASURES.get(p, p) for p in parts)


def names_of(dataset: Dataset) -> dict[str, str]:
    """Every code a printed row may carry, with the name a reader knows it by."""
    names: dict[str, str] = {**_TOTALS}
    names.update({code: f"{code} {name}" for code, name in ECONOMIC_CODES.items()})
    names.update({u.code: u.name for u in dataset.units})
    for structure in dataset.program_structures:
        for program in structure.programs:
            names[program.code] = program.name
            for sub in program.sub_programs:
                names[sub.code] = sub.name
                for activity in sub.activities:
                    names[activity.code] = activity.name
    names.update({i.code: f"{i.code} {i.name}" for i in dataset.pp_indicators})
    names.update({i.code: f"{i.code} {i.name}" for i in dataset.sp_indicators})
    for plan in dataset.strategic_plans:
        for aim in plan.aims:
            names[aim.code] = f"{aim.code} {aim.title}"
            for objective in aim.objectives:
                names[objective.code] = f"{objective.code} {objective.short_title}".strip()
    return names


def metric_label(metric: str, names: dict[str, str]) -> str:
    """ "indicator.GYH-03.rate" → "GYH-03 … › Gerçekleşme Oranı (%)"."""
    parts = metric.split(".")
    if parts[0] in {"indicator", "objective"} and len(parts) >= 3:
        code = ".".join(parts[1:-1])
        return f"{names.get(code, code)} › {_MEASURES.get(parts[-1], parts[-1])}"
    return metric


def row_label(key: str, names: dict[str, str]) -> str:
    if "/" in key:
        head, tail = key.split("/", 1)
        return f"{names.get(head, head)} / {names.get(tail, tail)}"
    return names.get(key, key)
