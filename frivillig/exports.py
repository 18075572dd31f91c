"""CSV files for Danish Excel, shared by every export in the portal."""

import csv

from django.http import HttpResponse

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
