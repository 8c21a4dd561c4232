"""Rebuild ``src/coprod/rendering/word/font_metrics.json``: character widths for laying out Word tables.

The Word renderer sizes table columns so that no word or amount has to break. It measures text with the
widths of DejaVu Serif, regular and bold: the font LibreOffice falls back to when the shell's Times New
Roman is missing, and wider than Times New Roman, so a column wide enough in DejaVu Serif is wide enough
in either. The widths are read from the DejaVu fonts matplotlib ships (``python tools/make_font_metrics.py``;
needs matplotlib and Pillow), in thousandths of an em, for Latin-1, Latin Extended-A and the punctuation
coprod prints.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib
from PIL import ImageFont

OUT = Path(__file__).resolve().parent.parent / "src" / "coprod" / "rendering" / "word" / "font_metrics.json"
EXTRA = "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac\u2022\u2610\u2612\u2212"
_SIZE = 1000


def widths(font_file: Path) -> dict[str, int]:
    """Advance width of each character, in thousandths of an em."""
    font = ImageFont.truetype(str(font_file), _SIZE)
    characters = [chr(code) for code in range(32, 0x180)] + list(EXTRA)
    return {character: round(font.getlength(character)) for character in characters if character.isprintable()
            or character == "\u00a0"}


def main(out: Path = OUT) -> int:
    """Measure both fonts and write the table."""
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    data = {
        "font": "DejaVu Serif",
        "units_per_em": _SIZE,
        "regular": widths(fonts / "DejaVuSerif.ttf"),
        "bold": widths(fonts / "DejaVuSerif-Bold.ttf"),
    }
    out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
