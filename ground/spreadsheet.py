"""Spreadsheet cells that never run as formulas.

Text from crawled pages, the sites file and reviewers' notes ends up in CSV and XLSX files
that consultants open in Excel or LibreOffice, which evaluate a cell beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(...)`` becomes a
live link, ``@SUM(...)`` a calculation). Every export passes its text through this one rule:
in CSV such a cell gets a leading ``'``, which spreadsheet programs show as text; in XLSX the
cell is written as a text cell with the quote-prefix style instead, so nothing extra is seen.

An XLSX sheet is also laid out to be read (``readable``): its header row frozen, a filter on
every column, and each column as wide as its longest value within bounds.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

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


WIDTH_MIN, WIDTH_MAX = 6, 60         # characters; longer text wraps in the cell's own view
WIDTH_SAMPLE = 2000                  # rows looked at to size a column


def readable(worksheet, frozen_columns: int = 0) -> None:
    """Freeze the header row (and the first `frozen_columns` columns), filter every column, and
    size each column to its longest value among the first rows, between WIDTH_MIN and WIDTH_MAX."""
    worksheet.freeze_panes = worksheet.cell(row=2, column=frozen_columns + 1)
    if worksheet.max_column and worksheet.max_row:
        worksheet.auto_filter.ref = worksheet.dimensions
    widths: dict[int, int] = {}
    for row in worksheet.iter_rows(max_row=min(worksheet.max_row, WIDTH_SAMPLE)):   # no new empty rows
        for cell in row:
            if cell.value is not None:
                longest = max(len(line) for line in str(cell.value).splitlines() or [""])
                widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column, width in widths.items():
        # the header's filter button takes about two characters
        worksheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, WIDTH_MIN), WIDTH_MAX)
