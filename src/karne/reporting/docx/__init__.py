"""DOCX that a strategy unit can keep editing: real headings, styles, tables, fields.

Headings use Word's built-in "Heading n" styles, so the table-of-contents field works; captions
use two paragraph styles of their own, so the lists of tables and figures are TOC fields too.
Word updates the fields when the file is opened (the settings ask it to). Table rows are written
as WordprocessingML text and parsed once per table (python-docx builds them cell by cell).

Tables have fixed column widths computed from their content (`widths`), so neither Word nor
LibreOffice splits a figure or a word; their text is in a style of its own ("Tablo Metni").
Captions number themselves with `SEQ` fields inside bookmarks (Word renumbers them and can refer
to them) and keep with their table or figure. The cover page has no header or page number.
"""

from __future__ import annotations

from karne.reporting.docx.document import render_docx
from karne.reporting.docx.styles import FIGURE_CAPTION, TABLE_CAPTION, TABLE_TEXT_ID

__all__ = ["FIGURE_CAPTION", "TABLE_CAPTION", "TABLE_TEXT_ID", "render_docx"]
