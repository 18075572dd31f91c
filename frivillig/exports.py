"""CSV and XLSX files for Danish Excel, shared by every export in the portal."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A spreadsheet runs a cell that starts like a formula; a leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_response(filename, header, rows):
    """UTF-8 with a byte order mark, so Excel reads æ, ø and å; semicolons between the fields,
    because Danish Excel takes the comma as the decimal separator."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(spreadsheet_cell(value) for value in row)
    return response


def _xlsx_cell(value):
    value = spreadsheet_cell(value)
    # Control characters someone pasted in would make openpyxl refuse the whole file.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_response(filename, title, header, rows):
    """One sheet named `title` (Excel allows 31 characters), cells made safe as in the CSV."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    for row in [header, *rows]:
        sheet.append([_xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
