"""The house-style shell, loaded and compiled once per process.

The shell is a docxtpl template (``templates/word/house-style.docx``). docxtpl's way is to reload the file,
re-patch its XML and recompile its Jinja per document. Here that is done once: each part holding Jinja
tags goes through docxtpl's own ``patch_xml`` (which mends tags that Word split across runs and turns
``{%p ... %}`` into paragraph-level tags), is compiled in a sandboxed, autoescaping, strict environment and
kept; every other part is deflated once and kept as bytes. Per document only the small templated parts
are rendered and the parts that carry the body are filled in.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import jinja2
from docxtpl import DocxTemplate
from jinja2 import meta as jinja_meta
from lxml import etree
from markupsafe import Markup

from coprod.errors import TemplateError
from coprod.rendering.word.body import ListIds
from coprod.rendering.word.package import Entry, check_well_formed
from coprod.rendering.word.properties import CUSTOM_NAME, CUSTOM_REL, CUSTOM_TYPE
from coprod.rendering.word.sections import PageSetup
from coprod.rendering.word.shell_jinja import ShellEnvironment, check_shell_template, literal_markers
from coprod.rendering.word.styles import normalise_style_ids
from coprod.rendering.word.untrusted import read_package
from coprod.rendering.word.xml import OFFICE_RELS, W_NS

BODY_MARKER: Final = "<!--coprod:body-->"
"""What the shell's ``{{p body }}`` renders to; the document's body replaces it."""
SHELL_VARIABLES: Final = frozenset(
    {
        "title",
        "short_title",
        "film_title",
        "kind",
        "contract",
        "parties",
        "draft_number",
        "draft_date",
        "language",
        "legend",
        "reference",
        "body",
    }
)
"""The names a shell may use; anything else is an error when the shell is loaded, not mid-build."""
_W = f"{{{W_NS}}}"
_TAG = re.compile(r"\{_?[{%]")  # a tag, or docxtpl's marker for literal braces ({_{), which needs Jinja too


@dataclass(frozen=True, slots=True)
class SplitPart:
    """A part whose content changes per document: ``prefix`` + document content + ``suffix``."""

    name: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Shell:
    """The compiled shell: templates for the parts with tags, split parts, and pre-deflated static parts."""

    path: Path
    order: tuple[str, ...]
    """Every part name, in the shell's zip order."""
    static: Mapping[str, Entry]
    templates: Mapping[str, jinja2.Template]
    document: str
    """Name of the main document part (``word/document.xml``)."""
    numbering: SplitPart
    comments: SplitPart
    footnotes: SplitPart
    document_rels: SplitPart
    lists: ListIds
    """The numbering definitions the body's lists refer to."""
    page: PageSetup
    """The page size and margins of the shell's (last) section, and that section's properties."""
    table_points: float
    """Table text size in points (the Table Text style's, else the table style's, else the default)."""

    def render_part(self, name: str, context: Mapping[str, Any]) -> str:
        """Render the templated part ``name``; Jinja errors become `TemplateError` naming the shell."""
        # Bounded, and errors name the shell and part (see shell_jinja); docxtpl's literal-brace markers
        # ({_{ in the shell) were turned into text when compiling, so data can never produce a tag.
        return self.templates[name].render(context).replace("\n<w:p", "<w:p")


def load_shell(path: Path) -> Shell:
    """Read, check and compile the shell at ``path``.

    Raises:
        TemplateError: The file is not a .docx, lacks a part or style coprod needs, or its Jinja is broken.
    """
    parts = read_package(path)  # untrusted: bounded, sanitised, only the parts a house style needs
    document = _main_part(parts, path)
    _add_custom_properties(parts)
    rels = _relationships(parts, document, path)
    for kind in ("styles", "numbering"):
        if kind not in rels:
            raise TemplateError(
                f"the shell has no {kind} part; rebuild it with tools/make_house_style.py", str(path)
            )
    for kind, xml in _DEFAULT_PARTS.items():
        if kind not in rels:  # Word and LibreOffice drop an empty comments or footnotes part on save
            rels[kind] = _add_part(parts, document, kind, xml)
    templated = [document] + [name for kind, name in rels.items() if kind.startswith(("header", "footer"))]
    others = [rels["numbering"], rels["comments"], rels["footnotes"], *templated]
    normalise_style_ids(parts, rels["styles"], others, path)
    lists = _list_ids(parts[rels["styles"]], parts[rels["numbering"]], path)
    env = _environment()
    templates = {name: _compile(env, name, parts[name], path) for name in templated if _has_tags(parts, name)}
    for name, template in templates.items():  # a shell's runtime errors show when it is loaded, not mid-build
        if name != document:
            template.render(_probe_context())
    probe = templates[document].render(_probe_context()) if document in templates else ""
    if BODY_MARKER not in probe:
        raise TemplateError("the shell's document has no '{{p body }}' paragraph to hold the body", str(path))
    sections = _SECTION.findall(probe.partition(BODY_MARKER)[2])
    document_rels = posixpath.join(
        posixpath.dirname(document), "_rels", posixpath.basename(document) + ".rels"
    )
    split = {
        "numbering": _split(parts, rels["numbering"], f"{_W}num", path),
        "comments": _split(parts, rels["comments"], None, path),
        "footnotes": _split(parts, rels["footnotes"], None, path),
        "document_rels": _split(parts, document_rels, None, path),
    }
    dynamic = {
        *templates,
        *(part.name for part in split.values()),
        "docProps/core.xml",
        "docProps/custom.xml",
    }
    static = {name: Entry.compress(name, data) for name, data in parts.items() if name not in dynamic}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")) and name not in dynamic:
            check_well_formed(name, data)
    return Shell(
        path=path,
        order=tuple(parts),
        static=static,
        templates=templates,
        document=document,
        lists=lists,
        page=PageSetup.from_section(sections[-1] if sections else "<w:sectPr/>"),
        table_points=_table_points(parts[rels["styles"]]),
        **split,
    )


_SECTION: Final = re.compile(r"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\b[^>]*/>", re.DOTALL)


def _table_points(styles: bytes) -> float:
    """Table text size in points: Table Text's, else the table style's, else the document default."""
    tree = etree.fromstring(styles)
    for path in (f"{_W}style[@{_W}styleId='TableText']/{_W}rPr/{_W}sz",
                 f"{_W}style[@{_W}styleId='CoprodTable']/{_W}rPr/{_W}sz",
                 f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz"):
        size = tree.find(path)
        if size is not None and str(size.get(f"{_W}val", "")).isdigit():
            return int(str(size.get(f"{_W}val"))) / 2
    return 10.0


def _add_custom_properties(parts: dict[str, bytes]) -> None:
    """Make room for ``docProps/custom.xml`` (provenance) in the package, unless the shell has it."""
    types = parts["[Content_Types].xml"].decode("utf-8")
    if f'PartName="/{CUSTOM_NAME}"' not in types:
        override = f'<Override PartName="/{CUSTOM_NAME}" ContentType="{CUSTOM_TYPE}"/>'
        parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode("utf-8")
    rels = parts["_rels/.rels"].decode("utf-8")
    if CUSTOM_REL not in rels:
        rel = f'<Relationship Id="rIdCoprodCustom" Type="{CUSTOM_REL}" Target="{CUSTOM_NAME}"/>'
        parts["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")
    parts.setdefault(CUSTOM_NAME, b"")
    types = parts["[Content_Types].xml"].decode("utf-8")
    if 'Extension="png"' not in types:  # charts are embedded as PNG
        png = '<Default Extension="png" ContentType="image/png"/>'
        parts["[Content_Types].xml"] = types.replace("</Types>", png + "</Types>").encode("utf-8")


_DEFAULT_PARTS: Final = {
    "comments": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W_NS}"/>',
    "footnotes": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    ),
}
_CONTENT_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"


def _add_part(parts: dict[str, bytes], document: str, kind: str, xml: str) -> str:
    """Add a ``kind`` part (comments, footnotes) to the document with its relationship and content type."""
    folder = posixpath.dirname(document)
    name = posixpath.join(folder, f"{kind}.xml")
    parts[name] = xml.encode("utf-8")
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(document) + ".rels")
    rel = f'<Relationship Id="rIdCoprod{kind.title()}" Type="{OFFICE_RELS}/{kind}" Target="{kind}.xml"/>'
    rels = parts[rels_name].decode("utf-8")
    parts[rels_name] = rels.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")
    override = f'<Override PartName="/{name}" ContentType="{_CONTENT_TYPE.format(kind=kind)}"/>'
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode("utf-8")
    return name


def _environment() -> ShellEnvironment:
    """The clause templates' sandbox and limits; autoescaping (values are text, never XML), strict."""
    return ShellEnvironment()


def _probe_context() -> dict[str, Any]:
    """A context with every shell variable, to find where the body goes."""
    context: dict[str, Any] = dict.fromkeys(SHELL_VARIABLES, "")
    context.update(kind="agreement", contract=True, parties=[], draft_number=1, body=Markup(BODY_MARKER))
    return context


def _has_tags(parts: Mapping[str, bytes], name: str) -> bool:
    return _TAG.search(parts[name].decode("utf-8")) is not None


def _compile(env: ShellEnvironment, name: str, data: bytes, path: Path) -> jinja2.Template:
    source = literal_markers(DocxTemplate.patch_xml(None, data.decode("utf-8")))
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)  # one paragraph per line, so errors have a line
    try:
        tree = env.parse(source)
        check_shell_template(tree, name, path)
        unknown = jinja_meta.find_undeclared_variables(tree) - SHELL_VARIABLES
        template = env.shell_template(source, name, path)
    except jinja2.TemplateSyntaxError as error:
        where = f"{name}, line {error.lineno} (one paragraph a line)"
        raise TemplateError(f"{where}: {error.message}", template=str(path)) from error
    if unknown:
        known = ", ".join(sorted(SHELL_VARIABLES))
        raise TemplateError(f"{name} uses unknown variables {sorted(unknown)}; known: {known}", str(path))
    return template


def _main_part(parts: Mapping[str, bytes], path: Path) -> str:
    root = _xml(parts, "_rels/.rels", path)
    for rel in root:
        if rel.get("Type") == f"{OFFICE_RELS}/officeDocument":
            return str(rel.get("Target")).lstrip("/")
    raise TemplateError("the shell has no main document part; is it a .docx?", str(path))


def _relationships(parts: Mapping[str, bytes], document: str, path: Path) -> dict[str, str]:
    """The document's related parts by kind (``styles``, ``numbering``, ``header1``...), as zip names."""
    folder = posixpath.dirname(document)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(document) + ".rels")
    found: dict[str, str] = {}
    counts: dict[str, int] = {}
    for rel in _xml(parts, rels_name, path):
        if rel.get("TargetMode") == "External":
            continue
        kind = str(rel.get("Type")).rsplit("/", 1)[-1]
        if kind in ("header", "footer"):
            counts[kind] = counts.get(kind, 0) + 1
            kind = f"{kind}{counts[kind]}"
        found[kind] = posixpath.normpath(posixpath.join(folder, str(rel.get("Target"))))
    return found


def _xml(parts: Mapping[str, bytes], name: str, path: Path) -> Any:
    if name not in parts:
        raise TemplateError(f"the shell has no part {name}; is it a .docx?", str(path))
    return etree.fromstring(parts[name])


def _list_ids(styles: bytes, numbering: bytes, path: Path) -> ListIds:
    """Bullet ``numId``, ordered-list ``abstractNumId``, first free ``numId``: read from the styles' links."""
    style_nums: dict[str, int] = {}
    for style in etree.fromstring(styles).iter(f"{_W}style"):
        num = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        if num is not None:
            style_nums[str(style.get(f"{_W}styleId"))] = int(str(num.get(f"{_W}val")))
    abstract_of = {
        int(str(num.get(f"{_W}numId"))): int(str(num.find(f"{_W}abstractNumId").get(f"{_W}val")))
        for num in etree.fromstring(numbering).iter(f"{_W}num")
    }
    for style in ("Heading1", "ListBullet", "ListNumber"):
        if style_nums.get(style) not in abstract_of:
            raise TemplateError(f"style {style} is not linked to a list in the shell's numbering", str(path))
    return ListIds(style_nums["ListBullet"], abstract_of[style_nums["ListNumber"]], max(abstract_of) + 1)


def _split(parts: Mapping[str, bytes], name: str, after: str | None, path: Path) -> SplitPart:
    """Split part ``name`` where per-document elements go: after the last ``after`` element, or at the end."""
    root = _xml(parts, name, path)
    marker = etree.Comment("coprod:split")
    children = [child for child in root if after is None or child.tag == after]
    if after is not None and children:
        children[-1].addnext(marker)
    else:
        root.append(marker)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    prefix, _, suffix = text.partition("<!--coprod:split-->")
    return SplitPart(name, prefix, suffix)
