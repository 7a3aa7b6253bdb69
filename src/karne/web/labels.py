"""Domain labels the pages show, marked for translation where the core keeps them untranslated
(the core has no Django, so its Turkish labels are listed here for `makemessages`)."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

LABELS = (
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
