#!/usr/bin/python3
"""Reads a mapping workbook with openpyxl, as a second implementation beside TicketLedger's reader.

    Scripts/read_workbook.py WORKBOOK.xlsx

Prints one JSON document: for every sheet, its rows as the values openpyxl reads (booleans as
true/false, empty cells as ""), whether its header row is bold, its frozen pane, and each
drop-down list (data validation) with the cells it covers and the values its range holds.
The tests (MappingWorkbookCommandTests) run it on every exported bundled version. Needs Debian's
python3-openpyxl.
"""
import json
import sys

import openpyxl
from openpyxl.utils import range_boundaries


def text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def main(path):
    book = openpyxl.load_workbook(path)
    result = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        rows = [[text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        validations = []
        for validation in sheet.data_validations.dataValidation:
            target, cells = validation.formula1.split("!")
            low_column, low_row, high_column, high_row = range_boundaries(cells.replace("$", ""))
            values = [text(book[target].cell(row=r, column=c).value)
                      for r in range(low_row, high_row + 1) for c in range(low_column, high_column + 1)]
            validations.append({"type": validation.type, "cells": str(validation.sqref), "values": values})
        result[sheet.title] = {
            "rows": rows,
            "boldHeader": all(cell.font.b for cell in sheet[1] if cell.value is not None),
            "frozen": sheet.freeze_panes,
            "validations": validations,
        }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
