"""Save an openpyxl workbook as deterministic bytes: fixed document dates, zip timestamps and entry order."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can carry; every entry gets it, so no clock reaches the bytes."""

_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def workbook_bytes(workbook: Workbook, day: dt.date) -> bytes:
    """*workbook* as .xlsx bytes dated *day* (the draft date): the same inputs give the same bytes."""
    stamp = dt.datetime(day.year, day.month, day.day)
    workbook.properties.creator = "coprod"
    workbook.properties.created = stamp
    raw = io.BytesIO()
    workbook.save(raw)  # openpyxl stamps 'modified' with the clock here; it is reset below
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            data = source.read(name)
            if name == "docProps/core.xml":
                data = _MODIFIED.sub(rb"<dcterms:modified\1>" + iso + rb"</dcterms:modified>", data)
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()
