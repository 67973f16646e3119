"""Spreadsheet cells that never run as formulas.

Text from crawled pages, the sites file and reviewers' notes ends up in CSV and XLSX files
that consultants open in Excel or LibreOffice, which evaluate a cell beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(...)`` becomes a
live link, ``@SUM(...)`` a calculation). Every export passes its text through this one rule:
in CSV such a cell gets a leading ``'``, which spreadsheet programs show as text; in XLSX the
cell is written as a text cell with the quote-prefix style instead, so nothing extra is seen.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    """Whether a spreadsheet program could read this value as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def inert(value):
    """A CSV cell value a spreadsheet will not evaluate (other values unchanged)."""
    return "'" + value if formula_like(value) else value


def restored(value: str) -> str:
    """The text inert() guarded, read back from a CSV file: the inverse of inert()."""
    return value[1:] if value.startswith("'") and formula_like(value[1:]) else value


def text_cells(worksheet) -> None:
    """Mark every formula-like string cell of an openpyxl worksheet as text (quote-prefixed):
    the cell shows exactly its text and stays text when edited."""
    for row in worksheet.iter_rows():
        for cell in row:
            if formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
