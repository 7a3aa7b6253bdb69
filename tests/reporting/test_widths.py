"""Column widths of the DOCX tables (`karne.reporting.widths`): pure texts in, twips out."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from karne.core.report_content.cells import row, text
from karne.core.report_content.model import Column, Row, RowKind, Table
from karne.reporting.widths import (
    PADDING,
    CellText,
    Spanning,
    column_widths,
    row_cells,
    table_columns,
    table_layout,
    text_width,
)

PORTRAIT = 9638  # A4, 2 cm margins, in twips
SIZE = 9.0


def figure(text: str, bold: bool = False) -> CellText:
    return CellText(text, bold=bold, breakable=False)


def heading(text: str) -> CellText:
    return CellText(text, bold=True, heading=True)


def needs(cell: CellText, size: float = SIZE) -> int:
    """What a cell cannot do without: its whole figure, or its longest word."""
    pieces = [cell.text] if not cell.breakable else cell.text.split()
    return PADDING + cell.indent + max(text_width(p, size, cell.bold) for p in pieces)


def line(cell: CellText, size: float = SIZE) -> int:
    return PADDING + cell.indent + text_width(cell.text, size, cell.bold)


NAMES = [
    heading("Gösterge Adı"),
    CellText("Dil, meslek, hobi gibi uyuma yönelik kurslardan faydalanan yabancı sayısı"),
    CellText("Sonuçlandırılan uluslararası koruma başvuru sayısı", indent=170),
    CellText("TOPLAM", bold=True),
]
FIGURES = [
    heading("Tutar"),
    figure("2.109.980.000,00"),
    figure("-"),
    figure("9.508.170.000,00", bold=True),
]
RATES = [heading("Gerçekleşme Oranı (%)"), figure("%98,83"), figure("%100,00"), figure("-")]
SHORT = [heading("Kod"), CellText("01"), CellText("02"), CellText("03")]


def test_widths_add_up_to_the_text_width_and_keep_figures_and_words_whole() -> None:
    columns = [SHORT, NAMES, FIGURES, RATES]
    widths = column_widths(columns, PORTRAIT, SIZE)
    assert sum(widths) == PORTRAIT
    for cells, width in zip(columns, widths, strict=True):
        assert all(needs(cell) <= width for cell in cells), cells[0].text
    # what is left goes to the long texts, not to the short codes or the figures
    assert widths[1] > 3 * widths[0]
    assert widths[1] > widths[2]


def test_a_table_whose_lines_all_fit_gives_every_column_its_longest_line() -> None:
    columns = [SHORT, FIGURES, RATES]
    widths = column_widths(columns, PORTRAIT, SIZE)
    assert sum(widths) == PORTRAIT
    for cells, width in zip(columns, widths, strict=True):
        assert all(line(cell) <= width for cell in cells), cells[0].text


def test_too_narrow_for_every_word_the_headings_give_way_first_and_never_the_figures() -> None:
    body_words = [CellText("Sosyal Güvenlik Kurumuna Devlet Primi Giderleri")]
    long_heading = [heading("Gerçekleşme/Toplam Ödenek (%)"), figure("%99,51")]
    columns = [FIGURES, FIGURES, [heading("Açıklama"), *body_words], long_heading]
    floors = [max(needs(c) for c in cells) for cells in columns]
    # room for every figure and body word, not for the long heading's "Gerçekleşme/Toplam"
    available = sum(floors) - (floors[3] - needs(long_heading[1])) // 2
    widths = column_widths(columns, available, SIZE)
    assert sum(widths) == available
    assert widths[0] >= needs(FIGURES[3])
    assert widths[1] >= needs(FIGURES[3])
    assert widths[2] >= needs(body_words[0])
    assert needs(long_heading[1]) <= widths[3] < floors[3]
    # narrower still: the body's words give way too, the figures still not
    available = sum(needs(FIGURES[3]) for _ in range(2)) + 2 * needs(long_heading[1])
    widths = column_widths(columns, available, SIZE)
    assert widths[:2] == (needs(FIGURES[3]), needs(FIGURES[3]))
    assert widths[2] < needs(body_words[0])


def test_figures_wider_than_the_page_shrink_in_proportion() -> None:
    widths = column_widths([FIGURES] * 12, PORTRAIT, SIZE)
    assert sum(widths) == PORTRAIT
    assert max(widths) - min(widths) <= 12  # the rounding only


def test_no_columns_and_empty_cells() -> None:
    assert column_widths([], PORTRAIT, SIZE) == ()
    widths = column_widths([[CellText("")], [CellText("")]], 1000, SIZE)
    assert widths == (500, 500)


def test_the_smaller_text_only_where_it_saves_many_lines() -> None:
    few = [SHORT, NAMES, FIGURES]
    assert table_layout(few, PORTRAIT, (9.0, 8.0))[0] == 9.0
    # a monitoring form: many figure columns leave its names little room at 9 pt
    name = CellText("Dil, meslek, hobi gibi uyuma yönelik kurslardan faydalanan yabancı sayısı")
    wide = [[heading("Gösterge Adı"), *[name] * 20]] + [
        [heading("Üç Aylık"), *[figure("1.237.803")] * 20] for _ in range(7)
    ]
    size, widths = table_layout(wide, PORTRAIT, (9.0, 8.0))
    assert size == 8.0
    assert widths == column_widths(wide, PORTRAIT, 8.0)
    # figures that do not fit at 9 pt at all: 8 pt
    total = figure("12.735.566.000,00", bold=True)
    money = [[heading("Tutar"), total] for _ in range(6)]
    available = 6 * needs(total, 8.0)
    assert 6 * needs(total, 9.0) > available
    assert table_layout(money, available, (9.0, 8.0))[0] == 8.0


def _dejavu(bold: bool) -> TTFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name)


TURKISH = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZabcçdefgğhıijklmnoöprsştuüvyzQWXqwxÂâÎîÛû"


@pytest.mark.parametrize("bold", [False, True])
def test_measures_are_never_narrower_than_what_libreoffice_falls_back_to(bold: bool) -> None:
    """Where Arial and Liberation Sans are missing LibreOffice lays the text out in DejaVu Sans
    (matplotlib ships it): each Turkish letter, digit and sign is measured at least as wide."""
    font = _dejavu(bold)
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    per_em = font["head"].unitsPerEm
    for char in TURKISH + "0123456789 .,%-()/:;'’–":
        dejavu = metrics[cmap[ord(char)]][0] / per_em * 100 * 10 * 20  # 100 of them at 10 pt
        assert text_width(char * 100, 10, bold) >= dejavu, char


def test_a_heading_over_two_columns_gets_room_for_its_longest_word() -> None:
    """Two narrow figure columns under "Gerçekleşmesi": together they are widened to hold the
    word, taken from the wide text column beside them, and still add up to the width."""
    columns = [
        [CellText("Açıklama", heading=True), CellText("uzun bir açıklama metni " * 4)],
        [CellText("Yılı", heading=True), CellText("1", breakable=False)],
        [CellText("Değeri", heading=True), CellText("2", breakable=False)],
    ]
    spans = [Spanning(1, 2, CellText("Gerçekleşmesi", bold=True))]
    plain = column_widths(columns, 4000, 9)
    widened = column_widths(columns, 4000, 9, spans)
    need = PADDING + text_width("Gerçekleşmesi", 9, bold=True)
    assert plain[1] + plain[2] < need <= widened[1] + widened[2]
    assert sum(widened) == 4000
    assert widened[0] < plain[0]


OBJECTIVE = (
    "Düzensiz göçle mücadele kapsamında yakalanan yabancıların geri gönderme süreçlerini "
    "insan haklarına saygılı, hızlı ve etkin biçimde yürütmek ve gönüllü geri dönüşü teşvik etmek"
)
INDICATOR = "Gönüllü geri dönüş kapsamında ülkesine dönen düzensiz göçmen sayısı"


def _form(covered: int) -> list[list[CellText]]:
    """An objective written once over `covered` indicator rows, as Form-4 merges it."""
    objective = [heading("Alt Program Hedefi"), CellText(OBJECTIVE, rows=covered)]
    objective += [CellText("")] * (covered - 1)
    return [objective, [heading("Performans Göstergesi"), *[CellText(INDICATOR)] * covered]]


def test_a_merged_cell_over_many_rows_leaves_the_room_to_the_rows_beside_it() -> None:
    """The objective may wrap down the six rows it covers: the indicators beside it get the
    width it does not need; written over one row it takes its share."""
    alone = column_widths(_form(1), PORTRAIT // 2, SIZE)
    merged = column_widths(_form(6), PORTRAIT // 2, SIZE)
    assert merged[0] < alone[0]
    assert merged[1] > alone[1]
    assert merged[0] >= needs(CellText(OBJECTIVE))  # its longest word still fits


def test_the_cells_of_a_merged_column_know_the_rows_they_cover() -> None:
    table = Table(
        key="t",
        title="t",
        columns=(Column("Hedef", merge=True), Column("Gösterge")),
        rows=(
            row(text("H1"), text("a")),
            row(text(""), text("b")),
            row(text(""), text("c")),
            row(text("H2"), text("d")),
            Row((text("not"),), RowKind.NOTE),
            row(text("H3"), text("e")),
        ),
    )
    cells = [row_cells(r, lambda level: 0) for r in table.rows]
    objectives, indicators = table_columns(table, cells)
    assert [(c.text, c.rows) for c in objectives[1:] if c.text] == [
        ("H1", 3),
        ("H2", 1),
        ("H3", 1),
    ]
    assert {c.rows for c in indicators} == {1}
