"""A deterministic zip writer for .docx packages, with parts that can be compressed once and reused.

``zipfile`` cannot write data that is already deflated, and it stamps entries with the clock unless told
otherwise. The shell's unchanging parts (styles, settings, ...) are the same for every document, so they
are deflated once per process (`Entry.compress`) and copied as bytes; only the parts that change are
deflated per document. Every entry gets the same timestamp and attributes, in a fixed order, so the same
parts always give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from coprod.errors import BuildError

_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip entry can carry
_DOS_TIME = 0
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # "2.0": deflate
_DEFLATE = 8
_LEVEL = 6
_UTF8_NAME = 0x800  # general-purpose flag: the entry name is UTF-8


@dataclass(frozen=True, slots=True)
class Entry:
    """One part of the package, deflated."""

    name: str
    crc: int
    size: int
    data: bytes

    @classmethod
    def compress(cls, name: str, content: bytes) -> Entry:
        """Deflate ``content`` as the zip entry ``name`` (raw deflate, as zip stores it)."""
        packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        data = packer.compress(content) + packer.flush()
        return cls(name, zlib.crc32(content), len(content), data)


def write_zip(entries: Iterable[Entry]) -> bytes:
    """The zip file holding ``entries`` in the given order, with fixed timestamps and no extra fields."""
    body = bytearray()
    central = bytearray()
    count = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = 0 if entry.name.isascii() else _UTF8_NAME
        offset = len(body)
        header = (_VERSION, flags, _DEFLATE, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size)
        body += _LOCAL.pack(0x04034B50, *header, len(name), 0)
        body += name
        body += entry.data
        central += _CENTRAL.pack(0x02014B50, _VERSION, *header, len(name), 0, 0, 0, 0, 0, offset)
        central += name
        count += 1
    if len(body) + len(central) >= 0xFFFFFFFF or count >= 0xFFFF:
        raise BuildError("the Word file would be larger than a plain zip can hold (4 GB or 65,535 parts)")
    end = _END.pack(0x06054B50, 0, 0, count, count, len(central), len(body), 0)
    return bytes(body + central + end)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def check_well_formed(name: str, content: bytes) -> None:
    """Parse ``content`` as XML; raise `BuildError` naming the part if it is not well-formed.

    This is the post-condition of every render: a part that Word could not open never leaves coprod.
    """
    try:
        etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError as error:
        raise BuildError(f"internal error: the Word part {name} is not well-formed XML ({error})") from error
