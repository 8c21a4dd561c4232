"""The package: identical bytes, fixed zip metadata, escaping, XML-illegal characters, post-condition."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import zipfile
from pathlib import Path
from types import ModuleType

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from coprod.errors import BuildError
from coprod.rendering.word import WordRenderer
from coprod.rendering.word.package import Entry, check_well_formed, write_zip

_RENDERER = WordRenderer()


def _samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location("word_samples", Path(__file__).with_name("samples.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SAMPLES = _samples()


def test_two_renders_give_identical_bytes(renderer: WordRenderer, samples: ModuleType) -> None:
    markdown = samples.agreement(5)
    first = renderer.render(markdown, samples.meta())
    assert renderer.render(markdown, samples.meta()) == first
    assert WordRenderer().render(markdown, samples.meta()) == first  # a fresh worker gives the same bytes


def test_zip_entries_have_fixed_times_and_the_shells_order(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    data = renderer.render(samples.SMALL, samples.meta())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert [info.filename for info in infos][:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert "docProps/custom.xml" in [info.filename for info in infos]


def test_the_meta_changes_the_bytes_and_nothing_else_does(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    meta = samples.meta()
    later = dataclasses.replace(meta, draft_number=4)
    assert renderer.render(samples.SMALL, later) != renderer.render(samples.SMALL, meta)


def test_hostile_strings_print_literally(renderer: WordRenderer, samples: ModuleType) -> None:
    lines = "\n\n".join(samples.md_escape(text) for text in samples.HOSTILE)
    meta = samples.meta(parties=samples.HOSTILE)
    data = renderer.render(f"# Title\n\n## 1. {samples.md_escape(samples.HOSTILE[2])}\n\n{lines}\n", meta)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[2:7] == list(samples.HOSTILE)  # the cover's parties
    assert texts[-5:] == list(samples.HOSTILE)  # the body
    assert "{% if x %}y{% endif %}" in texts  # the heading, as written
    assert document.core_properties.title == meta.title


def test_an_xml_illegal_character_is_refused_with_its_position(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    with pytest.raises(BuildError) as caught:
        renderer.render("# Title\n\nBell \x07 here\n", samples.meta(), name="agreement.md")
    assert str(caught.value) == (
        "agreement.md:3:6: character U+0007 cannot be written to a Word file "
        "(XML 1.0 forbids control characters); remove it from the project file"
    )


def test_an_xml_illegal_character_in_the_meta_is_refused(renderer: WordRenderer, samples: ModuleType) -> None:
    meta = dataclasses.replace(samples.meta(), title="Bad\x0bTitle")
    with pytest.raises(BuildError, match=r"^agreement.md \(document properties\):1:4: character U\+000B"):
        renderer.render("# Title\n", meta, name="agreement.md")


def test_every_xml_part_of_an_output_parses(renderer: WordRenderer, samples: ModuleType) -> None:
    data = renderer.render(samples.agreement(3), samples.meta())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for name in names:
            etree.fromstring(archive.read(name))
    assert len(names) == 16


def test_the_post_condition_rejects_a_broken_part() -> None:
    with pytest.raises(BuildError) as caught:
        check_well_formed("word/document.xml", b"<w:document><w:body></w:document>")
    assert str(caught.value).startswith(
        "internal error: the Word part word/document.xml is not well-formed XML"
    )


def test_write_zip_round_trips_through_zipfile() -> None:
    entries = [Entry.compress("a.xml", b"<a/>"), Entry.compress("b/c.xml", b"<c>" + b"x" * 5000 + b"</c>")]
    with zipfile.ZipFile(io.BytesIO(write_zip(entries))) as archive:
        assert archive.read("a.xml") == b"<a/>"
        assert archive.read("b/c.xml") == b"<c>" + b"x" * 5000 + b"</c>"


@settings(max_examples=80, deadline=None)
@given(
    text=st.text(
        st.characters(exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp")), min_size=1, max_size=40
    ).filter(lambda text: text == text.strip() and text.strip())
)
def test_any_text_prints_literally(text: str) -> None:
    # Whatever a project file says (once escaped for Markdown, as the templates do) is what Word shows.
    data = _RENDERER.render(f"# Title\n\n{_SAMPLES.md_escape(text)}\n", _SAMPLES.meta())
    assert docx.Document(io.BytesIO(data)).paragraphs[-1].text == text


def test_write_zip_marks_non_ascii_names_as_utf8() -> None:
    with zipfile.ZipFile(io.BytesIO(write_zip([Entry.compress("word/média.xml", b"<a/>")]))) as archive:
        assert archive.namelist() == ["word/média.xml"]
        assert archive.infolist()[0].flag_bits & 0x800
