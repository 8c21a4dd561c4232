"""One project's build job, run inside a worker process with a long-lived producer.

The job renders the project's Markdown once, works out each target's inputs and input hash, and makes
only the targets that are out of date: each is written to a temporary file beside its output (fsynced),
and the parent renames it into place and records it. Failures are values in the result: one broken
project or document never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from coprod.errors import CoprodError
from coprod.pipeline.atomic import write_temp
from coprod.pipeline.fingerprint import Hasher, digest_bytes, input_hash
from coprod.pipeline.producer import Document, Producer, RenderedProject, Summary
from coprod.pipeline.targets import Dep, Format, check_documents, formats_for


@dataclass(frozen=True, slots=True)
class JobRequest:
    """What the parent asks of a worker for one project."""

    slug: str
    project_file: str
    folder: str
    """The project's build folder (absolute)."""
    formats: tuple[Format, ...]
    clean: bool
    options: str
    version: str
    recorded: Mapping[str, str]
    """Output path in the project folder -> input hash of its last successful build."""
    rebuild: frozenset[str]
    """Outputs to make whatever their inputs say (missing, changed by hand, --force)."""
    force: bool = False


@dataclass(frozen=True, slots=True)
class Made:
    """A target made by a worker, waiting in *temp* to be renamed to its output path."""

    output: str
    """Path in the project folder: ``agreement.docx``."""
    document: str
    format: Format
    temp: str
    digest: str
    input_hash: str
    project_digest: str
    deps: tuple[Dep, ...]


@dataclass(frozen=True, slots=True)
class JobResult:
    """What a worker hands back for one project."""

    slug: str
    summary: Summary | None = None
    made: tuple[Made, ...] = ()
    kept: tuple[str, ...] = ()
    """Outputs found up to date after all (their inputs hash as recorded)."""
    documents: tuple[tuple[str, str, str], ...] = ()
    """(Markdown path, kind, title) of every document the project now has; older outputs are removed."""
    failures: tuple[tuple[str, str], ...] = ()
    """(output or ``*`` for the whole project, message)."""


def _message(error: Exception) -> str:
    if isinstance(error, CoprodError):
        return str(error)
    return f"internal error: {type(error).__name__}: {error}"


def _dep(hasher: Hasher, kind: str, name: str, path: Path) -> Dep:
    text = str(path)
    return Dep(kind, name, text, hasher.digest(text))


class Job:
    """The work of one `JobRequest`, split into steps small enough to read.

    The hasher memoises each file's digest for the job, and the project file and every template are
    hashed before the render reads them, so an edit made meanwhile is recorded as not yet built.
    """

    def __init__(self, producer: Producer, hasher: Hasher, request: JobRequest) -> None:
        self.producer = producer
        self.hasher = hasher
        self.request = request
        self.made: list[Made] = []
        self.kept: list[str] = []
        self.failures: list[tuple[str, str]] = []

    def run(self) -> JobResult:
        """Render the project and make its stale targets."""
        request = self.request
        self.hasher.forget()
        # Hash inputs before they are read: an edit made during the render is seen by the next build.
        project_digest = self.hasher.digest(request.project_file)
        root = self.producer.templates_root
        for template in root.rglob("*"):
            if template.is_file():
                self.hasher.digest(str(template))
        try:
            rendered = self.producer.render(Path(request.project_file), clean=request.clean)
            paths = check_documents(request.slug, request.project_file,
                                    [(doc.relpath, doc.kind) for doc in rendered.documents])
        except Exception as error:  # any failure is this project's: reported, not raised
            return JobResult(request.slug, failures=(("*", _message(error)),))
        shared = self._shared_deps(rendered)
        for document, path in zip(rendered.documents, paths, strict=True):
            self._document(document, path, project_digest, shared)
        documents = tuple((path, doc.kind, doc.title) for path, doc in zip(paths, rendered.documents,
                                                                             strict=True))
        return JobResult(request.slug, rendered.summary, tuple(self.made), tuple(self.kept),
                         documents, tuple(self.failures))

    def _shared_deps(self, rendered: RenderedProject) -> tuple[Dep, ...]:
        return tuple(_dep(self.hasher, "framework", path.name, path) for path in rendered.data_files)

    def _document(self, document: Document, path: str, project_digest: str,
                  shared: tuple[Dep, ...]) -> None:
        request = self.request
        root = self.producer.templates_root
        templates = tuple(_dep(self.hasher, "template", name, root / name)
                          for name in sorted(document.templates))
        watched = tuple(_dep(self.hasher, "data file", file.name, file) for file in document.inputs)
        for fmt in formats_for(path, request.formats):
            deps = templates + shared
            if fmt is Format.DOCX or fmt is Format.PDF:  # a PDF is made from the Word file
                shell = self.producer.shell_path
                deps += (_dep(self.hasher, "Word shell", shell.name, shell),)
            output = fmt.output(path)
            hashed = input_hash(output, request.version, request.options, project_digest,
                                deps if document.content_digest else deps + watched)
            if document.content_digest:
                hashed = digest_bytes(f"{hashed}\ncontent {document.content_digest}".encode())
            deps += watched
            if (not request.force and output not in request.rebuild
                    and request.recorded.get(output) == hashed):
                self.kept.append(output)
                continue
            provenance = {"input_hash": hashed, "coprod_version": request.version}
            try:
                data = self._bytes(document, fmt, provenance)
                temp = write_temp(Path(request.folder, output), data, Path(request.folder).parent)
            except Exception as error:  # one document's failure is reported, not raised
                self.failures.append((output, _message(error)))
                continue
            self.made.append(Made(output, path, fmt, os.fspath(temp), digest_bytes(data), hashed,
                                  project_digest, deps))

    def _bytes(self, document: Document, fmt: Format, provenance: Mapping[str, str]) -> bytes:
        if fmt is Format.MD:
            return self.producer.finish(document, provenance).encode()
        if fmt is Format.DOCX or fmt is Format.PDF:  # for a PDF, the Word file the session converts
            return self.producer.word(document, provenance, clean=self.request.clean)
        if document.data is None:
            raise TypeError(f"{document.relpath}: a file output ({document.kind}) came with no data")
        return document.data
