"""Turkish letter case: "i" upper-cases to "İ" and "ı" to "I", which str.upper() gets wrong."""

from __future__ import annotations

_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_LOWER = str.maketrans({"İ": "i", "I": "ı"})


def tr_upper(text: str) -> str:
    return text.translate(_UPPER).upper()


def tr_lower(text: str) -> str:
    return text.translate(_LOWER).lower()


def tr_title(text: str) -> str:
    """Capitalise each word the Turkish way ("işlemleri" → "İşlemleri")."""
    return " ".join(w[:1].translate(_UPPER).upper() + tr_lower(w[1:]) for w in text.split(" "))
