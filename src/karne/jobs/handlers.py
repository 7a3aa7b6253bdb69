"""What a job kind runs: a handler registered by the app that owns the work.

A handler reads its parameters, reports progress as it goes and returns the bytes it made; a
`JobFailed` carries a reason people may read (a code of `ERRORS`), anything else is logged with
its traceback and shown as "crashed".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Result:
    content: bytes
    filename: str
    content_type: str


# progress(percent 0–100, step): a step is "code" or "code:detail" (see STEPS)
Progress = Callable[[int, str], None]
Handler = Callable[[Mapping[str, Any], Progress], Result]

# The reasons a person reads: stored as their code, shown in the reader's language.
ERRORS = {
    "crashed": _("Hazırlanırken beklenmeyen bir hata oluştu; ayrıntısı sunucunun kaydında."),
    "stale": _("Hazırlayan işlem yanıt vermeyi bıraktı."),
    "launch": _("Hazırlayan işlem başlatılamadı."),
    "no-data": _("Bu yıl için bu belgenin verisi yok."),
    "no-administration": _("İdare artık veritabanında yok."),
    "no-person": _("İşi başlatan kişi artık etkin değil."),
    "upload-expired": _("Yüklenen dosyanın süresi doldu; çalışma kitabını yeniden yükleyin."),
    "workbook-refused": _("Çalışma kitabı okunamadı; önizlemeye dönüp nedenini görün."),
}

# Step codes of the progress line, shown in the reader's language.
STEPS = {
    "queued": _("Sırada bekliyor"),
    "data": _("Veriler okunuyor"),
    "content": _("İçerik hazırlanıyor"),
    "charts": _("Grafikler çiziliyor"),
    "render": _("Dosya yazılıyor"),
    "audit": _("Rakamlar denetleniyor"),
    "read": _("Çalışma kitabı okunuyor ve denetleniyor"),
    "write": _("Satırlar kaydediliyor"),
    "done": _("Hazır"),
}


class JobFailed(Exception):
    def __init__(self, code: str) -> None:
        assert code in ERRORS, code
        super().__init__(code)
        self.code = code


_REGISTRY: dict[str, Handler] = {}


def register(kind: str, handler: Handler) -> None:
    """Called from an app's `ready()`: the server and the worker process both see it."""
    _REGISTRY[kind] = handler


def handler_of(kind: str) -> Handler:
    return _REGISTRY[kind]
