"""Turkish upper and lower case, dotted and dotless i included (`karne.core.textcase`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from karne.core.textcase import tr_lower, tr_title, tr_upper


def test_turkish_case() -> None:
    assert tr_upper("göç idaresi başkanlığı") == "GÖÇ İDARESİ BAŞKANLIĞI"
    assert tr_lower("SIĞINMA EVİ") == "sığınma evi"
    assert tr_title("iç denetim birimi") == "İç Denetim Birimi"


@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyz ", max_size=40))
def test_case_round_trip(text: str) -> None:
    assert tr_lower(tr_upper(text)) == text


def test_turkish_alphabetical_order() -> None:
    from karne.core.textcase import tr_sort_key

    words = ["Zeytin", "ılık", "Işık", "incir", "İzmir", "çay", "Cam", "dere", "ödül", "Ova"]
    words += ["şeker", "Su", "ülke", "Uzay", "ğ", "Gül", "hoş"]
    assert sorted(words, key=tr_sort_key) == [
        "Cam", "çay", "dere", "Gül", "ğ", "hoş", "ılık", "Işık", "incir", "İzmir",
        "Ova", "ödül", "Su", "şeker", "Uzay", "ülke", "Zeytin",
    ]  # fmt: skip
    # İ comes after I and before J; code-point order puts "GİB" (U+0130) after "GZFT".
    assert sorted(["GZFT", "GİB", "GIS", "GAP"], key=tr_sort_key) == ["GAP", "GIS", "GİB", "GZFT"]
    assert sorted(["ab", "AB", "Ab"], key=tr_sort_key) == sorted(["ab", "AB", "Ab"])


# str's own case methods are wrong for Turkish ("İ".lower() is "i" + U+0307, "i".upper() is "I").
# They may be used on machine identifiers only; each such use is listed here with the reason.
_MACHINE_IDENTIFIERS = {
    ("karne/cli/report.py", "f.strip().lower()"),  # output format names: pdf, docx, xlsx
    ("karne/core/audit/labels.py", "q.value.lower()"),  # quarter codes Q1…Q4 as column keys
    ("karne/core/textcase.py", "text.translate(_UPPER).upper()"),  # after the Turkish pairs
    ("karne/core/textcase.py", "text.translate(_LOWER).lower()"),
    ("karne/core/textcase.py", "w[:1].translate(_UPPER).upper()"),
    ("karne/core/places.py", "code.strip().upper()"),  # ISO 3166 codes: ASCII letters
}
_CASE_METHODS = {"lower", "upper", "capitalize", "title", "casefold", "swapcase"}


def test_no_str_case_method_on_turkish_text() -> None:
    import ast
    from pathlib import Path

    import karne

    root = Path(karne.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _CASE_METHODS
                and not node.args
            ):
                found.add((f"karne/{path.relative_to(root).as_posix()}", ast.unparse(node)))
    assert found - _MACHINE_IDENTIFIERS == set(), "use karne.core.textcase (tr_lower, tr_upper)"
    templates = [
        (p.name, line)
        for p in root.rglob("*.html")
        for line in p.read_text(encoding="utf-8").splitlines()
        for f in ("|lower", "|upper", "|title", "|capfirst")
        if f in line.replace("format|upper", "")  # a file format's name: PDF, DOCX
    ]
    assert templates == []
