"""The house-style shell: rebuilt reproducibly, checked when loaded, and robust to what Word does to tags."""

from __future__ import annotations

import io
import os
import runpy
import zipfile
from pathlib import Path
from types import ModuleType

import docx
import pytest
from lxml import etree

from coprod.errors import TemplateError
from coprod.rendering.word import DEFAULT_SHELL, WordRenderer

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).resolve().parent / "golden"


def _shell_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _variant(tmp_path: Path, name: str, old: str, new: str, *, whole: str | None = None) -> Path:
    """A copy of the shipped shell with ``old`` replaced by ``new`` in part ``name`` (or all of it)."""
    parts = _shell_parts(DEFAULT_SHELL)
    text = parts[name].decode("utf-8")
    assert old in text
    parts[name] = (whole if whole is not None else text.replace(old, new)).encode("utf-8")
    path = tmp_path / "shell.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def test_the_generator_rebuilds_the_committed_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))  # as when run as `python tools/make_house_style.py`
    generator = runpy.run_path(str(ROOT / "tools" / "make_house_style.py"))
    generator["main"](tmp_path / "house-style.docx")
    assert _shell_parts(tmp_path / "house-style.docx") == _shell_parts(DEFAULT_SHELL)


def test_the_shell_path_is_the_shipped_docx(renderer: WordRenderer) -> None:
    assert renderer.shell_path == DEFAULT_SHELL
    assert DEFAULT_SHELL.name == "house-style.docx"


def test_a_shell_missing_a_style_is_refused_by_name(tmp_path: Path) -> None:
    old = '<w:style w:type="paragraph" w:styleId="Checklist"><w:name w:val="Checklist"/>'
    new = '<w:style w:type="paragraph" w:styleId="Tasks"><w:name w:val="Tasks"/>'
    path = _variant(tmp_path, "word/styles.xml", old, new)
    with pytest.raises(TemplateError) as caught:
        WordRenderer(path)
    assert str(caught.value) == (
        f"{path}: the shell lacks styles coprod writes with: Checklist (restyle them, do not delete them)"
    )


def test_a_style_whose_id_was_renamed_is_found_by_its_name(tmp_path: Path, samples: ModuleType) -> None:
    path = _variant(tmp_path, "word/styles.xml", 'w:styleId="BodyText"', 'w:styleId="TextBody"')
    data = WordRenderer(path).render("# T\n\nSome text.\n", samples.meta())
    paragraph = docx.Document(io.BytesIO(data)).paragraphs[-1]
    assert (paragraph.text, paragraph.style.name if paragraph.style else None) == ("Some text.", "Body Text")


def test_a_shell_with_broken_jinja_names_part_and_line(tmp_path: Path) -> None:
    path = _variant(tmp_path, "word/header1.xml", "{{ short_title }}", "{{ short_title }")
    with pytest.raises(TemplateError) as caught:
        WordRenderer(path)
    assert str(caught.value) == f"{path}: word/header1.xml, line 3 (one paragraph a line): unexpected '}}'"


def test_a_shell_with_an_unknown_variable_is_refused_when_loaded(tmp_path: Path) -> None:
    path = _variant(tmp_path, "word/footer1.xml", "{{ legend }}", "{{ client_name }}")
    with pytest.raises(TemplateError) as caught:
        WordRenderer(path)
    assert str(caught.value).startswith(
        f"{path}: word/footer1.xml uses unknown variables ['client_name']; known:"
    )


def test_a_shell_without_a_body_paragraph_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "word/document.xml", "{{p body }}", "body")
    with pytest.raises(TemplateError, match="has no '\\{\\{p body \\}\\}' paragraph"):
        WordRenderer(path)


def test_a_shell_without_any_tag_is_refused(tmp_path: Path) -> None:
    plain = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document'
        ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        "<w:t>A letter with no tags.</w:t></w:r></w:p></w:body></w:document>"
    )
    path = _variant(tmp_path, "word/document.xml", "", "", whole=plain)
    with pytest.raises(TemplateError, match="has no '\\{\\{p body \\}\\}' paragraph"):
        WordRenderer(path)


def test_tags_that_word_split_across_runs_still_render(tmp_path: Path, samples: ModuleType) -> None:
    # Word often splits a tag over several runs after an edit (a spell-check mark, a change of font).
    split = '{{ short_</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">title }}'
    path = _variant(tmp_path, "word/header1.xml", "{{ short_title }}", split)
    data = WordRenderer(path).render("# T\n", samples.meta())
    header = docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text
    assert header.startswith("The Salt Road — Co-production Agreement\t")


def test_document_xml_matches_the_golden_file(renderer: WordRenderer, samples: ModuleType) -> None:
    data = renderer.render(samples.SMALL, samples.meta())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tree = etree.fromstring(archive.read("word/document.xml"), etree.XMLParser(remove_blank_text=True))
    pretty = etree.tostring(tree, pretty_print=True, encoding="unicode")
    golden = GOLDEN / "small.document.xml"
    if os.environ.get("COPROD_UPDATE_GOLDEN") == "1":
        golden.write_text(pretty, encoding="utf-8")
    assert pretty == golden.read_text(encoding="utf-8"), (
        "rerun with COPROD_UPDATE_GOLDEN=1 and review the diff"
    )
