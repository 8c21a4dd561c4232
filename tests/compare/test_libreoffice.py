"""LibreOffice opens every redline and reads its tracked changes as changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod.compare.run import compare
from tests.compare.compare_support import EDITS, drafts
from tests.rendering.word.lotext import convert


@pytest.mark.libreoffice
def test_libreoffice_lists_the_tracked_changes_of_every_edit(tmp_path: Path) -> None:
    redlines: dict[str, Path] = {}
    for index, (kind, edit) in enumerate(sorted(EDITS.items())):
        newer, older = drafts(tmp_path / f"edit{index}", edit)
        out = tmp_path / f"edit{index}" / "out"
        comparison = compare(newer, str(older), out)
        agreement = next(d for d in comparison.documents if d.relpath == "agreement.md")
        assert agreement.changes, kind
        copy = tmp_path / "all" / f"edit{index}.docx"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes((out / "agreement.compare.docx").read_bytes())
        redlines[kind] = copy
    convert(list(redlines.values()), tmp_path / "all", targets=("fodt",))
    for kind, docx in redlines.items():
        flat = docx.with_suffix(".fodt").read_text("utf-8")
        regions = re.findall(r"<text:changed-region ", flat)
        insertions = len(re.findall(r"<text:insertion>", flat))
        deletions = len(re.findall(r"<text:deletion>", flat))
        assert regions and insertions + deletions == len(regions), kind
        assert "office:document" in flat[:2000], kind
