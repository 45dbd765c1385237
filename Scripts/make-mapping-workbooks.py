#!/usr/bin/env python3
"""Writes the mapping workbook fixtures of Tests/TicketLedgerTests/Fixtures/workbooks.

    Scripts/make-mapping-workbooks.py      (from the repository root)

Needs Debian's python3-openpyxl and libreoffice-calc-nogui (soffice), and msoffcrypto-tool
(PyPI) for the password-protected workbook: run it with a Python that has them, e.g. a
virtual environment made with --system-site-packages. The fixtures are committed; the tests
only read them, so neither CI nor a clone needs these tools.

Workbooks written by real spreadsheet programs, each holding bundled mapping 2023-02-07 typed
the way people type it (docs/mapping-rule-sets.md, "Workbooks"):
  openpyxl-2023-02-07.xlsx      openpyxl: the version as a date cell, booleans as boolean
                                cells, sheets in another order, a "notes" sheet, shared strings
  libreoffice-2023-02-07.xlsx   LibreOffice Calc, from a flat ODS document this script writes:
                                rich text (a bold run), a formula with its cached value, a date,
                                booleans, a "changelog" sheet, and a number in it
Workbooks refused, each naming the cell or the format:
  openpyxl-problems.xlsx        five faults in four sheets (a typo, spaces, an unknown field...)
  openpyxl-formula-without-value.xlsx   openpyxl stores formulas without computing them
  openpyxl-merged.xlsx, openpyxl-wrong-header.xlsx
  libreoffice.xls, libreoffice.ods      the binary and the OpenDocument formats
  password.xlsx                 encrypted with a password (msoffcrypto-tool)
  csv-renamed.xlsx, truncated.xlsx
Hostile zips (Python's zipfile): zip-bomb.xlsx, entity-expansion.xlsx, deep-nesting.xlsx,
million-rows.xlsx, overlapping-entries.xlsx. (fuzz-deflate-ends-early.xlsx is not made here: it is
an input Scripts/fuzz.sh found, kept as found.)
"""
import csv
import datetime
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Font

OUT = "Tests/TicketLedgerTests/Fixtures/workbooks"
SOURCE = "Sources/TicketLedger/Resources/Mappings/2023-02-07.csv"


def sections(path):
    """The bundled CSV as {section: [header, row, ...]}."""
    result, current = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line[1:-1]
            result[current] = []
            continue
        result[current].append(next(csv.reader([line])))
    return result


def typed(section, header, row, column):
    """A value as a person types it: booleans as booleans, the version as a date."""
    value = row[column]
    name = header[column]
    if value in ("true", "false") and (name == "anomaly" or (section == "ruleset" and column == 1)):
        return value == "true"
    if section == "ruleset" and row[0] == "version" and column == 1:
        return datetime.datetime.strptime(value, "%Y-%m-%d")
    return value


def openpyxl_workbook(rules, edit=None):
    book = openpyxl.Workbook()
    book.remove(book.active)
    notes = book.create_sheet("notes")
    notes.append(["Mapping 2023-02-07, typed by hand"])
    notes.append(["reviewed on", datetime.datetime(2023, 2, 7)])
    notes.append(["rows", 42])
    for name in ["holder", "status", "ruleset", "history", "deletionReason", "transactionState"]:
        sheet = book.create_sheet(name)
        header, *rows = rules[name]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([typed(name, header, row, i) for i in range(len(row))])
        for cell in sheet["B"]:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd"
    if edit:
        edit(book)
    return book


def save(book, name):
    book.save(os.path.join(OUT, name))


def flat_ods(rules):
    """A flat OpenDocument spreadsheet (one XML file) holding the rules, for LibreOffice to save as .xlsx."""
    def cell(value, section, header, column, row):
        if section == "ruleset" and row[0] == "document":
            left, right = value[:9], value[9:]
            return ('<table:table-cell office:value-type="string"><text:p>'
                    f'<text:span text:style-name="bold">{left}</text:span>{right}</text:p></table:table-cell>')
        if section == "status" and row[0] == "CONTROLLED" and column == 2:
            return ('<table:table-cell table:formula="of:=UPPER(&quot;controlled&quot;)" office:value-type="string" '
                    'office:string-value="CONTROLLED"><text:p>CONTROLLED</text:p></table:table-cell>')
        typed_value = typed(section, header, row, column)
        if isinstance(typed_value, bool):
            text = "TRUE" if typed_value else "FALSE"
            return (f'<table:table-cell table:style-name="boolean" office:value-type="boolean" office:boolean-value="{str(typed_value).lower()}">'
                    f'<text:p>{text}</text:p></table:table-cell>')
        if isinstance(typed_value, datetime.datetime):
            iso = typed_value.strftime("%Y-%m-%d")
            return (f'<table:table-cell table:style-name="isodate" office:value-type="date" office:date-value="{iso}">'
                    f'<text:p>{iso}</text:p></table:table-cell>')
        if value == "":
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    tables = []
    for name in ["status", "changelog", "ruleset", "deletionReason", "history", "transactionState", "holder"]:
        if name == "changelog":
            tables.append('<table:table table:name="changelog"><table:table-row>'
                          '<table:table-cell office:value-type="string"><text:p>version</text:p></table:table-cell>'
                          '<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>'
                          '</table:table-row></table:table>')
            continue
        header, *rows = rules[name]
        xml = [f'<table:table table:name="{name}">']
        xml.append("<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>' for h in header)
            + "</table:table-row>")
        for row in rows:
            xml.append("<table:table-row>" + "".join(cell(v, name, header, i, row) for i, v in enumerate(row))
                       + "</table:table-row>")
        xml.append("</table:table>")
        tables.append("".join(xml))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="iso"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
 <style:style style:name="isodate" style:family="table-cell" style:data-style-name="iso"/>
 <number:boolean-style style:name="truth"><number:boolean/></number:boolean-style>
 <style:style style:name="boolean" style:family="table-cell" style:data-style-name="truth"/>
 <style:style style:name="bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body></office:document>
"""


def soffice(source, target_format, directory):
    subprocess.run(["soffice", "--headless", "--convert-to", target_format, "--outdir", directory, source],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def zip_of(parts, name, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(OUT, name), "w", compression) as archive:
        for path, data in parts.items():
            archive.writestr(path, data)


def minimal_parts(sheet_xml):
    """A one-sheet workbook (sheet `status`) around `sheet_xml`."""
    return {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                           '<sheet name="status" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }


def hostile():
    head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = "</sheetData></worksheet>"
    # 256 MiB of blanks that deflate to a quarter of a megabyte.
    bomb = head.encode() + b" " * (256 << 20) + tail.encode()
    zip_of(minimal_parts(bomb), "zip-bomb.xlsx")
    laughs = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "ha">'
              + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
              + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
              '<c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>')
    zip_of(minimal_parts(laughs), "entity-expansion.xlsx")
    zip_of(minimal_parts(head + "<row>" + "<is>" * 10_000 + "</is>" * 10_000 + "</row>" + tail), "deep-nesting.xlsx")
    zip_of(minimal_parts(head + "<row/>" * 1_000_000 + tail), "million-rows.xlsx")
    # Overlapping entries: forty more central-directory records that all point at the sheet's one
    # local entry, so the zip claims forty times the compressed bytes it holds.
    padded = head + '<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (2 << 20) + tail
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in minimal_parts(padded).items():
            archive.writestr(path, data)
    data = buffer.getvalue()
    end = data.rfind(b"PK\x05\x06")
    count, size, start = struct.unpack_from("<HII", data, end + 10)
    directory, records, offset = data[start:start + size], [], 0
    while offset < len(directory):
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", directory, offset + 28)
        record = directory[offset:offset + 46 + name_length + extra_length + comment_length]
        records.append(record)
        if record[46:46 + name_length] == b"xl/worksheets/sheet1.xml":
            sheet = record
        offset += len(record)
    for copy in range(40):
        name = f"xl/worksheets/copy{copy:02}.xml".encode()
        records.append(sheet[:28] + struct.pack("<H", len(name)) + b"\0\0\0\0" + sheet[34:46] + name)
    directory = b"".join(records)
    tail_record = data[end:end + 22]
    tail_record = tail_record[:8] + struct.pack("<HHII", len(records), len(records), len(directory), start) + tail_record[20:]
    open(os.path.join(OUT, "overlapping-entries.xlsx"), "wb").write(data[:start] + directory + tail_record)


def main():
    rules = sections(SOURCE)
    os.makedirs(OUT, exist_ok=True)
    save(openpyxl_workbook(rules), "openpyxl-2023-02-07.xlsx")

    def problems(book):
        book["status"]["C7"] = "PRINTD"
        book["history"]["B3"] = " INJECT"
        book["holder"]["A4"] = "individualShoeSize"
        book["ruleset"]["B4"] = "maybe"
        book["status"]["F9"] = "a note beside the rules"
    save(openpyxl_workbook(rules, problems), "openpyxl-problems.xlsx")

    def formula(book):
        book["ruleset"]["B3"] = '=CONCATENATE("S360-TNG_Mapping_","20230207.xlsx")'
    save(openpyxl_workbook(rules, formula), "openpyxl-formula-without-value.xlsx")

    def merged(book):
        book["transactionState"].merge_cells("A3:B3")
    save(openpyxl_workbook(rules, merged), "openpyxl-merged.xlsx")

    def header(book):
        book["deletionReason"]["B1"] = "S360 status"
    save(openpyxl_workbook(rules, header), "openpyxl-wrong-header.xlsx")

    with tempfile.TemporaryDirectory() as scratch:
        source = os.path.join(scratch, "libreoffice-2023-02-07.fods")
        open(source, "w", encoding="utf-8").write(flat_ods(rules))
        soffice(source, "xlsx:Calc MS Excel 2007 XML", scratch)
        shutil.copy(os.path.join(scratch, "libreoffice-2023-02-07.xlsx"), OUT)
        soffice(source, "xls:MS Excel 97", scratch)
        shutil.copy(os.path.join(scratch, "libreoffice-2023-02-07.xls"), os.path.join(OUT, "libreoffice.xls"))
        soffice(source, "ods", scratch)
        shutil.copy(os.path.join(scratch, "libreoffice-2023-02-07.ods"), os.path.join(OUT, "libreoffice.ods"))

    import msoffcrypto.format.ooxml
    with open(os.path.join(OUT, "openpyxl-2023-02-07.xlsx"), "rb") as plain, open(os.path.join(OUT, "password.xlsx"), "wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("match-day", out)

    shutil.copy(SOURCE, os.path.join(OUT, "csv-renamed.xlsx"))
    whole = open(os.path.join(OUT, "openpyxl-2023-02-07.xlsx"), "rb").read()
    open(os.path.join(OUT, "truncated.xlsx"), "wb").write(whole[: len(whole) // 2])
    hostile()


if __name__ == "__main__":
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    sys.exit(main())
