"""A house-style shell is untrusted input: bounded, sanitised, and every refusal names the file and part."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from coprod.errors import TemplateError
from coprod.rendering.word import DEFAULT_SHELL, WordRenderer, untrusted
from tests.rendering.word.test_hostile_docx import docx_paragraphs

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(DEFAULT_SHELL) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(tmp_path: Path, parts: dict[str, bytes], name: str = "firm-style.docx") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def _edit(parts: dict[str, bytes], name: str, old: str, new: str) -> dict[str, bytes]:
    text = parts[name].decode("utf-8")
    assert old in text, name
    parts[name] = text.replace(old, new, 1).encode("utf-8")
    return parts


def _add_rel(parts: dict[str, bytes], rels: str, rel: str) -> dict[str, bytes]:
    return _edit(parts, rels, "</Relationships>", rel + "</Relationships>")


def _refused(path: Path) -> str:
    with pytest.raises(TemplateError) as caught:
        WordRenderer(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert "Traceback" not in message
    return message.removeprefix(f"{path}: ")


def _render(renderer: WordRenderer, samples: ModuleType) -> bytes:
    return renderer.render(samples.SMALL, samples.meta(), name="small.md")


def test_the_shipped_shell_passes_unchanged() -> None:
    assert untrusted.read_package(DEFAULT_SHELL) == _parts()


# -- entities and DTDs ------------------------------------------------------------------------------------

XXE = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:hdr [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'


@pytest.mark.parametrize("prolog", [XXE, LAUGHS])
@pytest.mark.parametrize("part", ["word/header1.xml", "word/styles.xml", "word/_rels/document.xml.rels"])
def test_a_part_with_a_doctype_or_entities_is_refused(tmp_path: Path, prolog: str, part: str) -> None:
    parts = _parts()
    text = parts[part].decode("utf-8")
    body = text[text.index("?>") + 2 :] if text.startswith("<?xml") else text
    parts[part] = (prolog + body).encode("utf-8")
    assert _refused(_write(tmp_path, parts)).startswith(f"{part}: the part declares a DOCTYPE or entities")


def test_a_part_that_is_not_xml_is_refused_naming_it(tmp_path: Path) -> None:
    parts = _parts()
    parts["word/footer1.xml"] = b"<w:ftr><unclosed>"
    assert _refused(_write(tmp_path, parts)).startswith("word/footer1.xml: not well-formed XML")


# -- active and remote content ----------------------------------------------------------------------------


def test_a_macro_project_is_refused(tmp_path: Path) -> None:
    parts = _parts()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    _add_rel(
        parts,
        "word/_rels/document.xml.rels",
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/>',
    )
    message = _refused(_write(tmp_path, parts))
    assert message.startswith(
        "word/vbaProject.bin: macros, ActiveX controls and embedded objects are not allowed"
    )


def test_a_macro_enabled_document_type_is_refused(tmp_path: Path) -> None:
    parts = _edit(
        _parts(),
        "[Content_Types].xml",
        "wordprocessingml.document.main+xml",
        "ms-word.document.macroEnabled.main+xml",
    )
    assert "the part is macro-enabled" in _refused(_write(tmp_path, parts))


@pytest.mark.parametrize(
    ("rels", "kind", "target"),
    [
        ("word/_rels/settings.xml.rels", f"{RELS}/attachedTemplate", "https://evil.example/template.dotm"),
        ("word/_rels/document.xml.rels", f"{RELS}/oleObject", "embeddings/object1.bin"),
        ("word/_rels/document.xml.rels", f"{RELS}/image", "https://tracker.example/pixel.png"),
        ("word/_rels/header1.xml.rels", f"{RELS}/image", "file:///C:/secret.png"),
        (
            "_rels/.rels",
            f"{PKG}/../officeDocument/2006/relationships/mailMergeSource",
            "\\\\server\\share\\x.xlsx",
        ),
    ],
)
def test_active_or_external_relationships_are_refused(
    tmp_path: Path, rels: str, kind: str, target: str
) -> None:
    parts = _parts()
    if rels not in parts:
        parts[rels] = f'<?xml version="1.0"?><Relationships xmlns="{PKG}"></Relationships>'.encode()
        if rels == "word/_rels/header1.xml.rels":
            pass
    _add_rel(parts, rels, f'<Relationship Id="rId77" Type="{kind}" Target="{target}" TargetMode="External"/>')
    message = _refused(_write(tmp_path, parts))
    assert message.startswith(f"{rels}: relationship rId77"), message
    assert target in message


def test_an_external_web_hyperlink_in_a_footer_is_kept(tmp_path: Path, samples: ModuleType) -> None:
    parts = _parts()
    parts["word/_rels/footer1.xml.rels"] = (
        f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
        f'<Relationship Id="rIdWeb" Type="{RELS}/hyperlink" '
        'Target="https://firm.example/" TargetMode="External"/></Relationships>'
    ).encode()
    kept = untrusted.read_package(_write(tmp_path, parts))
    assert b"https://firm.example/" in kept["word/_rels/footer1.xml.rels"]
    assert _render(WordRenderer(_write(tmp_path, parts, "again.docx")), samples)


# -- zip member names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../evil.xml",
        "/abs/evil.xml",
        "word/../../evil.xml",
        "C:/evil.xml",
        "word\\evil.xml",
        "word//evil.xml",
        "./word/evil.xml",
    ],
)
def test_unsafe_zip_member_names_are_refused(tmp_path: Path, name: str) -> None:
    parts = _parts()
    parts[name] = b"<x/>"
    message = _refused(_write(tmp_path, parts))
    assert message.startswith(f"{name}: the zip member's name is absolute or leaves the package")


def test_a_part_twice_in_the_zip_is_refused(tmp_path: Path) -> None:
    parts = _parts()
    parts["WORD/styles.xml"] = parts["word/styles.xml"]
    assert "the zip holds this part twice" in _refused(_write(tmp_path, parts))


# -- size limits ------------------------------------------------------------------------------------------


def test_a_zip_bomb_part_is_refused_without_unpacking_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untrusted, "MAX_PART_BYTES", 1_000_000)
    parts = _parts()
    parts["word/media/image1.png"] = b"\0" * 5_000_000  # deflates to a few kilobytes
    path = _write(tmp_path, parts)
    assert path.stat().st_size < 100_000
    assert _refused(path) == "word/media/image1.png: the part is larger than 1,000,000 bytes unpacked"


def test_too_many_parts_or_too_large_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untrusted, "MAX_PARTS", 20)
    parts = _parts()
    for index in range(10):
        parts[f"customXml/item{index}.xml"] = b"<x/>"
    assert _refused(_write(tmp_path, parts)) == "the Word shell has 25 parts; a house style has at most 20"
    monkeypatch.setattr(untrusted, "MAX_SHELL_BYTES", 1000)
    assert "a house style is at most 1,000" in _refused(_write(tmp_path, _parts(), "big.docx"))


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04truncated"])
def test_a_file_that_is_not_a_docx_is_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "firm-style.docx"
    path.write_bytes(data)
    assert _refused(path).startswith("cannot read the Word shell: ")


# -- only what a house style needs ------------------------------------------------------------------------


def test_parts_a_house_style_does_not_need_are_dropped(tmp_path: Path, samples: ModuleType) -> None:
    parts = _parts()
    parts["customXml/item1.xml"] = b"<secret>client list</secret>"
    parts["docProps/thumbnail.jpeg"] = b"\xff\xd8jpeg"
    _add_rel(
        parts,
        "word/_rels/document.xml.rels",
        f'<Relationship Id="rId98" Type="{RELS}/customXml" Target="../customXml/item1.xml"/>',
    )
    _add_rel(
        parts,
        "_rels/.rels",
        f'<Relationship Id="rId97" Type="{PKG}/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>',
    )
    _edit(
        parts,
        "[Content_Types].xml",
        "</Types>",
        '<Default Extension="jpeg" ContentType="image/jpeg"/></Types>',
    )
    renderer = WordRenderer(_write(tmp_path, parts))
    with zipfile.ZipFile(io.BytesIO(_render(renderer, samples))) as archive:
        names = archive.namelist()
        assert "customXml/item1.xml" not in names and "docProps/thumbnail.jpeg" not in names
        assert b"customXml" not in archive.read("word/_rels/document.xml.rels")
        assert b"thumbnail" not in archive.read("_rels/.rels")
        _check_package(archive)


def test_a_reference_to_a_dropped_relationship_is_refused(tmp_path: Path) -> None:
    parts = _edit(
        _parts(),
        "word/document.xml",
        "<w:body>",
        f'<w:body><w:p><w:r><w:object xmlns:r="{RELS}"><o:OLEObject xmlns:o="urn:schemas-microsoft-com:'
        'office:office" r:id="rId55"/></w:object></w:r></w:p>',
    )
    message = _refused(_write(tmp_path, parts))
    assert message.startswith("word/document.xml: <OLEObject> refers to relationship rId55"), message


def test_a_relationship_to_a_missing_part_is_refused(tmp_path: Path) -> None:
    parts = _parts()
    del parts["word/footer1.xml"]
    assert "which is not a part of the file" in _refused(_write(tmp_path, parts))


def _check_package(archive: zipfile.ZipFile) -> None:
    """What Word needs of a package: every relationship target exists, every part has a content type."""
    names = set(archive.namelist())
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {item.get("Extension").lower() for item in types if item.tag.endswith("Default")}
    overrides = {item.get("PartName").lstrip("/") for item in types if item.tag.endswith("Override")}
    assert overrides <= names
    for name in names - {"[Content_Types].xml"}:
        assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name
    for name in names:
        if name.endswith(".rels"):
            folder = name.split("_rels/")[0]
            for rel in etree.fromstring(archive.read(name)):
                if rel.get("TargetMode") != "External":
                    target = (folder + rel.get("Target")).replace("word/../", "")
                    assert target.lstrip("/") in names, (name, target)


def test_every_written_package_holds_together(renderer: WordRenderer, samples: ModuleType) -> None:
    with zipfile.ZipFile(io.BytesIO(_render(renderer, samples))) as archive:
        _check_package(archive)


# -- the Jinja inside a shell -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "detail"),
    [
        ("{{ 10 ** (10 ** 8) }}", "too much for a template: the power 10 ** 100000000 is too large"),
        ('{{ "x" * 10 ** 10 }}', "too much for a template: repeating a text or list"),
    ],
)
def test_shell_jinja_gets_the_sandbox_and_limits(tmp_path: Path, tag: str, detail: str) -> None:
    parts = _edit(_parts(), "word/header1.xml", "{{ short_title }}", tag)
    started = time.monotonic()
    message = _refused(_write(tmp_path, parts))
    assert time.monotonic() - started < 60  # not minutes of CPU (a loose bound, not a timing test)
    assert message.startswith("word/header1.xml, line "), message
    assert message.endswith(detail) or detail in message, message


@pytest.mark.parametrize("name", ["range", "lipsum", "cycler", "joiner", "namespace", "dict"])
def test_jinjas_globals_are_not_there(tmp_path: Path, name: str) -> None:
    parts = _edit(_parts(), "word/header1.xml", "{{ short_title }}", f"{{{{ {name}() }}}}")
    assert _refused(_write(tmp_path, parts)).startswith(f"word/header1.xml uses unknown variables ['{name}']")


@pytest.mark.parametrize(
    ("tag", "detail"),
    [
        ("{{ title|safe }}", "the filter 'safe' is not allowed in a house style"),
        ("{% autoescape false %}{{ title }}{% endautoescape %}", "{% autoescape %} is not allowed"),
        ('{% include "word/document.xml" %}', "{% include %} is not allowed"),
        ('{% import "x" as y %}', "{% import %} is not allowed"),
    ],
)
def test_tags_that_would_pass_raw_xml_are_refused(tmp_path: Path, tag: str, detail: str) -> None:
    parts = _edit(_parts(), "word/header1.xml", "{{ short_title }}", tag)
    message = _refused(_write(tmp_path, parts))
    assert message.startswith("word/header1.xml, line ") and detail in message, message


DOCXTPL_MARKERS = "{_{ 7*7 }_} {_% if x %_} Smith & Sons <Ltd>"


def test_data_like_docxtpl_markers_prints_literally_on_the_cover_and_header(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    meta = samples.meta(parties=("Aurora Films S.r.l.", DOCXTPL_MARKERS))
    import dataclasses

    meta = dataclasses.replace(meta, title=DOCXTPL_MARKERS, short_title=DOCXTPL_MARKERS)
    paragraphs = docx_paragraphs(renderer.render(samples.SMALL, meta, name="small.md"))
    assert paragraphs.count(DOCXTPL_MARKERS) >= 2  # the cover's title and party
    assert any(DOCXTPL_MARKERS in paragraph for paragraph in paragraphs if "\t" in paragraph)  # the header
    assert not any("{{ 7*7 }}" in paragraph for paragraph in paragraphs)


def test_the_shells_own_literal_braces_still_print(tmp_path: Path, samples: ModuleType) -> None:
    parts = _edit(_parts(), "word/footer1.xml", "{{ legend }}", "Draft {_{ not a tag }_}")
    paragraphs = docx_paragraphs(_render(WordRenderer(_write(tmp_path, parts)), samples))
    assert any("Draft {{ not a tag }}" in paragraph for paragraph in paragraphs)


def test_line_breaks_in_data_print_as_spaces_on_the_cover_as_in_the_body(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    import dataclasses

    meta = dataclasses.replace(samples.meta(), title="First line\r\nsecond\rthird\nfourth\tfifth\u2028sixth")
    data = renderer.render(samples.SMALL, meta, name="small.md")
    assert "First line second third fourth fifth sixth" in docx_paragraphs(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        cover = archive.read("word/document.xml").split(b"First line")[1][:200]
    assert b"<w:br" not in cover and b"<w:tab" not in cover


# -- a broken shell in a build ----------------------------------------------------------------------------


def test_a_broken_shell_fails_only_the_word_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from coprod.cli import main
    from coprod.rendering import word

    parts = _parts()
    parts["word/vbaProject.bin"] = b"macro"
    shell = _write(tmp_path, parts)
    monkeypatch.setattr(word, "DEFAULT_SHELL", shell)
    project = tmp_path / "projects" / "the-salt-road"
    project.mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parents[3] / "projects" / "the-salt-road" / "project.yaml", project)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--jobs", "1", "--quiet"]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert "Traceback" not in err
    assert (
        f"{shell}: word/vbaProject.bin: macros, ActiveX controls and embedded objects are not allowed" in err
    )
    built = {path.relative_to(tmp_path / "build").as_posix() for path in (tmp_path / "build").rglob("*.md")}
    assert {"the-salt-road/agreement.md", "the-salt-road/term-sheet.md", "index.md"} <= built
    assert not list((tmp_path / "build").rglob("*.docx"))
