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
    "target": _("Hedef"),
    "weight": _("Ağırlık"),
    "state": _("Durum"),
    "deadline": _("Son tarih"),
}
NUMERIC_FIELDS = frozenset({"value", "numerator", "denominator", "target", "weight"})
