"""Turkish letter case and order: "i" upper-cases to "İ" and "ı" to "I", which str.upper() gets
wrong, and "ç" sorts after "c", which code-point order gets wrong."""

from __future__ import annotations

_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_LOWER = str.maketrans({"İ": "i", "I": "ı"})

# The Turkish alphabet, with q, w and x (foreign words) where Latin has them.
_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_BASE = {"â": "a", "î": "i", "û": "u"}  # circumflexed vowels sort with their plain vowel

SortKey = tuple[tuple[tuple[int, int], ...], str]


def tr_upper(text: str) -> str:
    return text.translate(_UPPER).upper()


def tr_lower(text: str) -> str:
    return text.translate(_LOWER).lower()


def tr_title(text: str) -> str:
    """Capitalise each word the Turkish way ("işlemleri" → "İşlemleri")."""
    return " ".join(w[:1].translate(_UPPER).upper() + tr_lower(w[1:]) for w in text.split(" "))


def _weight(char: str) -> tuple[int, int]:
    letter = _BASE.get(char, char)
    if letter in _RANK:
        return (2, _RANK[letter])
    if char.isdigit():
        return (1, ord(char))
    if char.isalpha():
        return (3, ord(char))
    return (0, ord(char))  # spaces and punctuation first, as a dictionary orders them


def tr_sort_key(text: str) -> SortKey:
    """Turkish alphabetical order, case-insensitive (a b c ç d … ı i … ö … ş … ü … z).

    "GİB" before "GZFT", "Çevre" after "Cumhurbaşkanlığı" and before "Dış", "ılık" before
    "incir"; texts that differ only in case (or circumflex) fall back to their code points so the
    order is total.
    """
    return tuple(_weight(c) for c in tr_lower(text)), text
