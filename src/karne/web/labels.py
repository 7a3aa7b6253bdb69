"""Domain labels the pages show, marked for translation where the core keeps them untranslated
(the core has no Django, so its Turkish labels are listed here for `makemessages`)."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

LABELS = (
    _("1. Üç Aylık"),
    _("2. Üç Aylık"),
    _("3. Üç Aylık"),
    _("4. Üç Aylık"),
    _("Yıl"),
    _("Taslak"),
    _("Birim amirinin onayında"),
    _("Strateji biriminin onayında"),
    _("Onaylandı ve kilitlendi"),
    _("Hedeflenen Değere Ulaşılamadı"),
    _("Hedeflenen Değere Kısmen Ulaşıldı"),
    _("Hedeflenen Değere Ulaşıldı"),
    _("Hedeflenen Değer Aşıldı"),
    _("Strateji birimi yöneticisi"),
    _("Birim amiri"),
    _("Veri giriş personeli"),
    _("Okuyucu (üst yönetim, denetçi)"),
)

# The change trail's field names as people read them (the trail stores the machine names).
FIELD_LABELS = {
    "value": _("Değer"),
    "numerator": _("Pay"),
    "denominator": _("Payda"),
    "explanation": _("Açıklama"),
    "correction": _("Düzeltme notu"),
    "target": _("Hedef"),
    "weight": _("Ağırlık"),
    "state": _("Durum"),
    "deadline": _("Son tarih"),
    "computed": _("Hesaplanan değer"),  # a figure computed from events, stored as a proposal
}
NUMERIC_FIELDS = frozenset({"value", "numerator", "denominator", "target", "weight", "computed"})

# The structure forms' inputs (record field names → what the form calls them).
STRUCTURE_LABELS = {
    "code": _("Kod"),
    "name": _("Ad"),
    "parent": _("Üst birim"),
    "location": _("Yeri"),
    "is_spending_unit": _("Harcama birimi"),
    "sort": _("Sıra"),
    "valid_from": _("Geçerlilik başlangıç yılı"),
    "valid_to": _("Geçerlilik bitiş yılı"),
    "rationale": _("Gerekçe"),
    "objective_statement": _("Alt program hedefi (tek cümle)"),
    "objectives": _("Hizmet ettiği alt program hedefleri"),
    "text": _("Metin"),
    "sp_aims": _("Stratejik plan amaçları"),
    "responsible_unit": _("Sorumlu birim"),
    "description": _("Tanım"),
    "year": _("Yıl"),
    "sub_program": _("Alt program"),
    "unit": _("Ölçü birimi"),
    "kind": _("Gösterge türü"),
    "direction": _("Yön"),
    "calculation_method": _("Hesaplama yöntemi"),
    "data_source": _("Veri kaynağı (birim)"),
    "responsible_administration": _("Sorumlu idare"),
    "sp_indicator": _("Bağlı stratejik plan göstergesi"),
    "title": _("Başlık"),
    "start_year": _("Başlangıç yılı"),
    "end_year": _("Bitiş yılı"),
    "statement": _("İfade"),
    "short_title": _("Kısa başlık"),
    "responsible_units": _("Sorumlu birimler"),
    "coordinating_units": _("İş birliği yapılacak birimler"),
    "deviation_reason": _("Sapma nedeni"),
    "measures": _("Tedbirler"),
    "objective": _("Hedef"),
    "weight": _("Ağırlık (%)"),
    "baseline": _("Başlangıç değeri"),
    "relevance": _("İlgililik"),
    "effectiveness": _("Etkililik"),
    "efficiency": _("Etkinlik"),
    "sustainability": _("Sürdürülebilirlik"),
    "indicator": _("Gösterge"),
    "target": _("Hedef değer"),
}
# A field whose label differs in one kind of record (slug, field name → label).
STRUCTURE_KIND_LABELS = {
    ("belge", "kind"): _("Belge türü"),
    ("gorev", "unit"): _("Birim"),
    ("gorev", "text"): _("Görev metni"),
}
# Values of the structure's choices as people read them.
CHOICE_LABELS = {
    "performans-programi": _("Performans Programı"),
    "faaliyet-raporu": _("Faaliyet Raporu"),
    "central": _("Merkez"),
    "provincial": _("Taşra"),
    "abroad": _("Yurt dışı"),
    "board": _("Kurul"),
    "increase": _("Artması iyi"),
    "decrease": _("Azalması iyi"),
    "flow": _("Yıl içinde toplanan (akım)"),
    "stock": _("Kümülatif (stok)"),
    "ratio": _("Oran"),
}
STRUCTURE_KINDS = (
    _("Birim"),
    _("Görev"),
    _("Belge"),
    _("Program"),
    _("Alt program"),
    _("Alt program amacı"),
    _("Faaliyet"),
    _("Performans göstergesi"),
    _("Stratejik plan"),
    _("Amaç"),
    _("Hedef"),
    _("Stratejik plan göstergesi"),
    _("Stratejik plan hedef değeri"),
)
