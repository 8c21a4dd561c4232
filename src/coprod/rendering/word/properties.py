"""Document properties (File > Info in Word) from the document's meta, never from the clock."""

from __future__ import annotations

from coprod.rendering.meta import DocumentMeta
from coprod.rendering.word import xml
from coprod.rendering.word.xml import DECLARATION

CUSTOM_NAME = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the fixed id Office uses for user properties


def core_xml(meta: DocumentMeta) -> str:
    """``docProps/core.xml``: title, subject, creator, revision = draft number, dates = draft date."""
    stamp = f"{meta.draft_date.isoformat()}T00:00:00Z"
    description = "; ".join(f"{key}: {value}" for key, value in sorted(meta.provenance.items()))
    return (
        f'{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml.text(meta.title)}</dc:title>"
        f"<dc:subject>{xml.text(meta.film_title)}</dc:subject>"
        "<dc:creator>coprod</dc:creator>"
        f"<cp:keywords>{xml.text(meta.kind)}</cp:keywords>"
        f"<dc:description>{xml.text(description)}</dc:description>"
        "<cp:lastModifiedBy>coprod</cp:lastModifiedBy>"
        f"<cp:revision>{meta.draft_number}</cp:revision>"
        f"<cp:category>{xml.text(meta.kind)}</cp:category>"
        f"<dc:language>{xml.text(meta.language)}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def custom_xml(meta: DocumentMeta) -> str:
    """``docProps/custom.xml``: one text property per provenance entry, plus the draft number and date."""
    values = {"coprod draft": str(meta.draft_number), "coprod draft date": meta.draft_date.isoformat()}
    values.update({f"coprod {key}": value for key, value in sorted(meta.provenance.items())})
    props = "".join(
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{xml.attr(name)}">'
        f"<vt:lpwstr>{xml.text(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    return (
        f'{DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{props}</Properties>"
    )
