"""``coprod compare``: both drafts rendered, each document's redline written as Markdown and Word.

One comparison writes, into its output folder, for every document of either draft,
``<document>.compare.md`` (CriticMarkup) and ``<document>.compare.docx`` (Word tracked changes by
"coprod", dated the newer draft's date), and ``changes.md`` / ``changes.docx``: the changes in the deal
itself in plain words, the findings that appeared or were resolved, and what changed in each document.
Every file is made before any is written, then all are written atomically: a failed comparison leaves
the folder as it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coprod.analysis import analyse
from coprod.analysis.eligibility.catalog import FrameworkCatalog
from coprod.analysis.run import Analysis
from coprod.compare.blocks import strip_front_matter
from coprod.compare.deal import DealChange, FindingChanges, deal_changes, finding_changes
from coprod.compare.emit import CRITIC, WORD, marked_line, marked_list, redline_markdown
from coprod.compare.redline import RedBlock, redline
from coprod.compare.summary import changes_markdown
from coprod.compare.tracked import track_changes
from coprod.compare.versions import Older, older_draft
from coprod.loading.frameworks import catalog_for, load_catalog
from coprod.loading.project import load_project, load_text, shown_path
from coprod.model.project import Project
from coprod.pipeline.atomic import write_all
from coprod.rendering.documents import DocumentRenderer, RenderedDocument
from coprod.rendering.meta import DocumentMeta
from coprod.rendering.word import WordRenderer

LEGEND = "Insertions are marked {++ like this ++} and deletions {-- like this --} (CriticMarkup)."


@dataclass(frozen=True, slots=True)
class Draft:
    """One draft of the project, analysed and rendered (without drafting notes)."""

    project: Project
    analysis: Analysis
    documents: dict[str, RenderedDocument]
    """By Markdown path: ``agreement.md``, ``checklists/aurora.md``."""


@dataclass(frozen=True, slots=True)
class DocumentRedline:
    """The redline of one document."""

    relpath: str
    title: str
    blocks: tuple[RedBlock, ...]
    before: DocumentMeta | None
    """The older draft's cover values; None if the older draft did not have the document."""
    after: DocumentMeta | None
    """The newer draft's; None if the newer draft no longer has it."""

    @property
    def changes(self) -> int:
        """How many blocks changed."""
        return sum(block.changed for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything a comparison found, and the files it wrote."""

    older: str
    newer: str
    deal: tuple[DealChange, ...]
    findings: FindingChanges
    documents: tuple[DocumentRedline, ...]
    written: tuple[Path, ...]

    @property
    def identical(self) -> bool:
        """True when the two drafts give the same documents and the same deal."""
        return not self.deal and not any(document.changes for document in self.documents)


def render_draft(project: Project, catalog: FrameworkCatalog, renderer: DocumentRenderer) -> Draft:
    """Analyse and render *project*'s documents, clean (a redline compares the text, not the notes)."""
    analysis = analyse(project, catalog)
    rendered = renderer.render(project, analysis, clean=True, catalog=catalog)
    return Draft(project, analysis, {document.relpath: document for document in rendered})


def _older(older: Older, project_file: Path, renderer: DocumentRenderer) -> Draft:
    project = load_text(older.text, older.shown)  # its errors name the older draft: file@revision
    catalog = load_catalog([older.frameworks]) if older.frameworks is not None else catalog_for(project_file)
    return render_draft(project, catalog, renderer)


def _redlines(old: Draft, new: Draft) -> list[DocumentRedline]:
    paths = [*new.documents, *(path for path in old.documents if path not in new.documents)]
    out: list[DocumentRedline] = []
    for path in paths:
        before, after = old.documents.get(path), new.documents.get(path)
        source = after or before
        assert source is not None
        blocks = redline(strip_front_matter(before.markdown) if before else "",
                         strip_front_matter(after.markdown) if after else "")
        out.append(DocumentRedline(path, source.meta.title, tuple(blocks), before.meta if before else None,
                                   after.meta if after else None))
    return out


def _redline_meta(document: DocumentRedline, older: str) -> DocumentMeta:
    """The cover's title and parties with their changes tracked; the running header says it is a redline.

    The draft number and date on the cover and in the header are the newer draft's.
    """
    before, after = document.before, document.after
    base = after or before
    assert base is not None
    return dataclasses.replace(
        base, title=marked_line(before.title if before else "", after.title if after else ""),
        film_title=marked_line(before.film_title if before else "", after.film_title if after else ""),
        parties=marked_list(before.parties if before else (), after.parties if after else ()),
        short_title=f"Redline: {base.short_title}", provenance={"compared_with": older})


def _stem(relpath: str) -> str:
    return relpath.removesuffix(".md")


def _files(out: Path, comparison: Comparison, word: WordRenderer, new: Draft) -> dict[Path, bytes]:
    files: dict[Path, bytes] = {}
    for document in comparison.documents:
        stem = _stem(document.relpath)
        front = (f"---\ntitle: {_quoted('Redline: ' + document.title)}\ncompared: "
                 f"{_quoted(comparison.older + ' → ' + comparison.newer)}\n---\n\n")
        files[out / f"{stem}.compare.md"] = (front + LEGEND + "\n\n"
                                             + redline_markdown(document.blocks, CRITIC)).encode()
        meta = _redline_meta(document, comparison.older)
        marked = word.render(redline_markdown(document.blocks, WORD), meta, clean=True,
                             name=f"{stem}.compare.docx")
        files[out / f"{stem}.compare.docx"] = track_changes(marked, meta.draft_date, f"{stem}.compare.docx")
    summary = changes_markdown(comparison, new.project.film.title)
    files[out / "changes.md"] = summary.encode()
    first = next((d.after for d in comparison.documents if d.after is not None), None)
    if first is not None:
        meta = dataclasses.replace(first, kind="changes", title=f"Changes: {new.project.film.title}",
                                   short_title=f"{new.project.film.title} — changes", provenance={})
        files[out / "changes.docx"] = word.render(strip_front_matter(summary), meta, name="changes.docx")
    return files


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def compare(project_file: Path, against: str, out: Path, *, templates: Path | None = None,
            renderer: DocumentRenderer | None = None, word: WordRenderer | None = None) -> Comparison:
    """Compare *project_file* with the older draft *against*, writing the redlines into *out*.

    Raises:
        UsageError: *against* names neither a file nor a revision that holds the project file.
        InputError: either draft's project file is invalid (the message says which).
        TemplateError, BuildError: a document cannot be rendered.
    """
    renderer = renderer or (DocumentRenderer(templates) if templates else DocumentRenderer())
    word = word or WordRenderer()
    loaded = load_project(project_file)
    new = render_draft(loaded.project, catalog_for(project_file), renderer)
    with older_draft(project_file, shown_path(project_file), against) as older:
        old = _older(older, project_file, renderer)
    newer = f"draft {loaded.project.draft.number} of {loaded.project.draft.date.isoformat()}"
    comparison = Comparison(older.label, newer, tuple(deal_changes(old.project, new.project)),
                            finding_changes(old.analysis.findings, new.analysis.findings),
                            tuple(_redlines(old, new)), ())
    files = _files(out, comparison, word, new)
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_all(files)
    return dataclasses.replace(comparison, written=tuple(sorted(files)))


def documents_changed(comparison: Comparison) -> Sequence[DocumentRedline]:
    """The documents with at least one change."""
    return [document for document in comparison.documents if document.changes]
