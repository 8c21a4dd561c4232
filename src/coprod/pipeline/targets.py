"""What a build target is, why one is out of date, and the checks on the graph of output paths.

A target is one output file: project x document x format, written at ``<out>/<slug>/<relpath>``. The
graph is validated before anything is written: two targets writing one path (also paths that differ only
in case, which collide on macOS and Windows), a project folder name or a document path that would escape
the build folder, or a file where another target needs a folder, are errors that name both parties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import NamedTuple

from coprod.errors import BuildError

STATE_DIR = ".coprod"
"""Folder inside the build folder that holds the state database and the lock."""
INDEX_PAGES = ("index.md", "index.docx")
"""Pages the build writes at the top of the build folder."""
PROJECT_README = "README.md"
"""Page the build writes in every project folder."""


class Format(StrEnum):
    """An output format; the Markdown document is the source of the Word one.

    ``FILE`` is the one format of a *file output*: a document whose path does not end in ``.md`` (a chart's
    ``.svg``, ``tracker.xlsx``, ``deadlines.ics``), written as the bytes the producer made, whatever
    formats the build was asked for.
    """

    MD = "md"
    DOCX = "docx"
    PDF = "pdf"
    FILE = "file"

    def output(self, markdown_relpath: str) -> str:
        """The output path of a document given as its Markdown path (``agreement.md``)."""
        if self is Format.DOCX or self is Format.PDF:
            return markdown_relpath.removesuffix(".md") + "." + self.value  # string work: on the no-op path
        return markdown_relpath


MARKDOWN_SUFFIX = ".md"
"""A document whose path ends so is Markdown, written in the build's formats; any other is a file output."""
RESERVED_FILE_SUFFIXES = (".docx", ".pdf")
"""Suffixes of the outputs made from Markdown documents, which a file output may not take."""


def is_file_output(document: str) -> bool:
    """True if *document* (a path in the project folder) is a file output, not a Markdown document."""
    return not document.endswith(MARKDOWN_SUFFIX)


def formats_for(document: str, formats: Sequence[Format]) -> tuple[Format, ...]:
    """The formats *document* is written in when the build asks for *formats*."""
    if is_file_output(document):
        return (Format.FILE,)
    return tuple(fmt for fmt in formats if fmt is not Format.FILE)


def document_of(output: str) -> str:
    """The document an output path belongs to: ``agreement.docx`` or ``agreement.pdf`` -> ``agreement.md``."""
    for suffix in RESERVED_FILE_SUFFIXES:
        if output.endswith(suffix):
            return output.removesuffix(suffix) + MARKDOWN_SUFFIX
    return output


def possible_outputs(document: str) -> tuple[str, ...]:
    """Every output path *document* can have, in the order pages list them."""
    if is_file_output(document):
        return (document,)
    return (document, Format.DOCX.output(document), Format.PDF.output(document))


class Why(StrEnum):
    """Why a target must be rebuilt; the value is the phrase shown to the user."""

    NEVER_BUILT = "never built"
    OUTPUT_MISSING = "output missing"
    OUTPUT_CHANGED = "output changed by hand"
    PROJECT_CHANGED = "project file changed"
    INPUT_CHANGED = "changed"
    INPUT_MISSING = "missing"
    UPGRADED = "coprod upgraded"
    OPTIONS_CHANGED = "options changed"
    FORCED = "--force"
    LAST_FAILED = "its last build failed"


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason for a rebuild; *detail* names the input (``template clauses/recoupment.md.j2``)."""

    why: Why
    detail: str = ""

    def __str__(self) -> str:
        if self.why in (Why.INPUT_CHANGED, Why.INPUT_MISSING):
            return f"{self.detail} {self.why.value}"
        if self.why is Why.OPTIONS_CHANGED:
            return f"{self.why.value} ({self.detail})"
        return str(self.why)


class Dep(NamedTuple):
    """An input file of a target, with the content hash it had when the target was built.

    *kind* is ``template``, ``Word shell`` or ``framework``; *name* is how the user knows the file
    (``clauses/recoupment.md.j2``); *digest* is ``-`` for a file that did not exist. (A named tuple:
    a no-op build reads and hashes many of them.)
    """

    kind: str
    name: str
    path: str
    digest: str

    def order(self) -> tuple[int, str, str]:
        """Sort key: templates, then framework files, then the Word shell; by name within a kind."""
        rank = DEP_KINDS.index(self.kind) if self.kind in DEP_KINDS else len(DEP_KINDS)
        return (rank, self.name, self.path)

    def label(self) -> str:
        """``template clauses/recoupment.md.j2``: the words used in a rebuild reason."""
        return f"{self.kind} {self.name}"


DEP_KINDS = ("template", "framework", "Word shell")
"""Kinds of input file, in the order rebuild reasons list them."""

MISSING = "-"
"""Digest recorded for an input file that does not exist."""


@dataclass(frozen=True, slots=True)
class Claim:
    """An output path and who writes it, for the conflict checks."""

    path: str
    """Relative to the build folder, with ``/`` separators."""
    owner: str
    """Who writes it, as the user knows it: ``projects/a/project.yaml (agreement)``."""


def check_slug(slug: str, owner: str) -> None:
    """Reject a project folder name that cannot be a folder inside the build folder."""
    if not slug or slug in (".", "..") or "/" in slug or "\\" in slug or "\0" in slug:
        raise BuildError(f"{owner}: project folder name {slug!r} would write outside the build folder")
    if slug.startswith("."):
        raise BuildError(f"{owner}: project folder name {slug!r} starts with '.', which the build "
                         "folder keeps for its own state; rename the folder")


def check_relpath(relpath: str, owner: str) -> str:
    """Return *relpath* normalised, or raise BuildError if it is absolute or climbs out of its folder."""
    pure = PurePosixPath(relpath)
    if (not relpath or pure.is_absolute() or "\\" in relpath
            or any(part in ("", ".", "..") for part in relpath.split("/"))):
        raise BuildError(f"{owner}: output path {relpath!r} would write outside its project folder")
    return pure.as_posix()


def check_claims(claims: Iterable[Claim]) -> None:
    """Raise BuildError naming both writers if two claims collide.

    Collisions: the same path; paths equal but for case (one file on case-insensitive file systems);
    a path that another claim needs as a folder.
    """
    seen: dict[str, Claim] = {}
    for claim in claims:
        key = claim.path.casefold()
        other = seen.get(key)
        if other is not None:
            if other.path == claim.path:
                raise BuildError(f"two targets write {claim.path}: {other.owner} and {claim.owner}")
            raise BuildError(f"two targets write paths that differ only in case, {other.path} "
                             f"({other.owner}) and {claim.path} ({claim.owner}); they are one file on "
                             "case-insensitive file systems")
        seen[key] = claim
    for key, claim in seen.items():
        parts = key.split("/")
        for depth in range(1, len(parts)):
            folder = seen.get("/".join(parts[:depth]))
            if folder is not None:
                raise BuildError(f"{claim.owner} needs {folder.path} to be a folder, but "
                                 f"{folder.owner} writes a file there")


def check_projects(projects: Sequence[tuple[str, str]]) -> None:
    """Validate the project level of the graph: (slug, project file) pairs, before anything runs."""
    claims: list[Claim] = [Claim(page, "the build index") for page in INDEX_PAGES]
    for slug, owner in projects:
        check_slug(slug, owner)
        claims.append(Claim(f"{slug}/{PROJECT_README}", owner))
    check_claims(claims)


def check_documents(slug: str, owner: str, documents: Iterable[tuple[str, str]]) -> list[str]:
    """Validate one project's (relpath, kind) documents; return their normalised paths.

    A path ending in ``.md`` is a Markdown document (claiming its Markdown and Word outputs); any other is
    a file output, which may not end in a suffix reserved for documents.
    """
    claims = [Claim(PROJECT_README, f"{owner} (README)")]
    paths: list[str] = []
    for relpath, kind in documents:
        label = f"{owner} ({kind})"
        path = check_relpath(relpath, label)
        suffix = PurePosixPath(path).suffix
        if is_file_output(path) and suffix in RESERVED_FILE_SUFFIXES:
            raise BuildError(f"{label}: file output {relpath!r} ends in {suffix}, which names documents")
        paths.append(path)
        claims.extend(Claim(output, label) for output in possible_outputs(path))
    try:
        check_claims(claims)
    except BuildError as error:
        raise BuildError(f"{slug}: {error}") from None
    return paths
