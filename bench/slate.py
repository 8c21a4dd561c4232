"""A synthetic slate: N varied, valid projects made from the example projects.

Project *i* is example ``i % 3`` with its film title numbered, its draft number varied, and every amount
(budget, spend plan, finance lines, caps, deferments) scaled by the same factor, so the deal stays
consistent (shares and percentages are unchanged) while every document's figures differ.

Run on its own to write a slate: ``.venv/bin/python bench/slate.py DIR [COUNT]``.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "projects"

_TITLE = re.compile(r"^(film:\n(?:  .*\n)*?  title: )(.+)$", re.MULTILINE)
_DRAFT = re.compile(r"^(draft:\n  number: )(\d+)$", re.MULTILINE)
_AMOUNT = re.compile(r'"(\d{4,})"')  # quoted whole amounts; rates ("0.0400") and percentages stay


def vary(text: str, index: int) -> str:
    """The project file *text* made into slate member *index*."""
    factor = Decimal(100 + (index % 7) * 5) / 100
    text = _TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)} No. {index}", text, count=1)
    text = _DRAFT.sub(lambda m: f"{m.group(1)}{1 + index % 9}", text, count=1)
    return _AMOUNT.sub(lambda m: f'"{format((Decimal(m.group(1)) * factor).normalize(), "f")}"', text)


def make_slate(root: Path, count: int) -> list[str]:
    """Write *count* projects under ``root/projects``; return their slugs."""
    examples = sorted(EXAMPLES.glob("*/project.yaml"))
    slugs = []
    for index in range(count):
        source = examples[index % len(examples)]
        slug = f"{source.parent.name}-{index:03d}"
        target = root / "projects" / slug / "project.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(vary(source.read_text(encoding="utf-8"), index), encoding="utf-8")
        slugs.append(slug)
    return slugs


if __name__ == "__main__":
    made = make_slate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200)
    print(f"wrote {len(made)} projects under {sys.argv[1]}/projects")
