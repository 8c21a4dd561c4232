"""A fake producer for pipeline tests: tiny text templates with includes, no pydantic, Jinja or Word.

A project file holds ``key: value`` lines (title, partners, verdict, and optionally ``fail`` to make it
invalid, ``broken_word`` to make the Word conversion of one document fail, ``delay`` seconds per render,
``gate`` a file whose existence each render waits for, ``file_output`` the path of a file output whose
bytes name the title).
Templates live in ``<root>/templates`` and include each other with ``{% include "name" %}``; the shell is
``<root>/shell.docx``; every file in ``<root>/frameworks`` is a data file. Word output is a real zip with
fixed timestamps, so a test can check that a .docx is complete.
"""

from __future__ import annotations

import functools
import io
import json
import re
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path

from coprod.errors import InputError, Problem, TemplateError
from coprod.location import SourceLocation
from coprod.pipeline.orchestrate import build
from coprod.pipeline.plan import BuildPlan, ProjectSource, Settings
from coprod.pipeline.producer import Document, RenderedProject, Summary
from coprod.pipeline.report import BuildSummary, Mode, Reporter
from coprod.pipeline.targets import Format

INCLUDE = re.compile(r'\{% include "([^"]+)" %\}')
END = "End of document.\n"

TEMPLATES = {
    "documents/agreement.md.j2": '# Agreement: {{ title }}\n\n{% include "clauses/parties.md.j2" %}\n'
                                 '{% include "clauses/recoupment.md.j2" %}\n',
    "documents/term-sheet.md.j2": '# Term sheet: {{ title }}\n\n{% include "clauses/recoupment.md.j2" %}\n',
    "documents/readiness.md.j2": "# Readiness: {{ title }}\n\nVerdict: {{ verdict }}\n",
    "documents/checklist.md.j2": '# Checklist for {{ partner }}\n\n{% include "clauses/parties.md.j2" %}\n',
    "clauses/parties.md.j2": "## 1. Parties\n\nThe parties are {{ partners }}.\n",
    "clauses/recoupment.md.j2": "## 2. Recoupment\n\nReceipts are shared.\n",
}


def write_fake_root(root: Path) -> None:
    """Create templates, a Word shell and two framework files under *root*."""
    for name, text in TEMPLATES.items():
        path = root / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "shell.docx").write_bytes(b"house style v1")
    (root / "frameworks").mkdir(parents=True, exist_ok=True)
    (root / "frameworks" / "european.yaml").write_text("id: european\n")
    (root / "frameworks" / "eurimages.yaml").write_text("id: eurimages\n")


def project_text(title: str, partners: str = "aurora, nord", **extra: str) -> str:
    lines = [f"title: {title}", f"partners: {partners}", "verdict: ready"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


class FakeProducer:
    """Implements `coprod.pipeline.producer.Producer` over the files `write_fake_root` makes."""

    instances = 0

    def __init__(self, root: Path) -> None:
        FakeProducer.instances += 1
        self.root = root
        self.renders = 0

    @property
    def templates_root(self) -> Path:
        return self.root / "templates"

    @property
    def shell_path(self) -> Path:
        return self.root / "shell.docx"

    def _expand(self, name: str, values: Mapping[str, str], used: set[str]) -> str:
        used.add(name)
        text = (self.templates_root / name).read_text()
        text = INCLUDE.sub(lambda m: self._expand(m.group(1), values, used), text)
        for key, value in values.items():
            text = text.replace("{{ " + key + " }}", value)
        return text

    def render(self, project_file: Path, *, clean: bool) -> RenderedProject:
        self.renders += 1
        fields = dict(line.split(": ", 1) for line in project_file.read_text().splitlines() if ": " in line)
        if "delay" in fields:
            time.sleep(float(fields["delay"]))
        deadline = time.monotonic() + 60
        while "gate" in fields and not Path(fields["gate"]).exists() and time.monotonic() < deadline:
            time.sleep(0.01)  # held until the test opens the gate
        if "fail" in fields:
            raise InputError([Problem(SourceLocation(project_file, 4, 7, ("fail",)), fields["fail"])])
        partners = [p.strip() for p in fields["partners"].split(",")]
        values = {"title": fields["title"], "partners": ", ".join(partners), "verdict": fields["verdict"]}
        plan: list[tuple[str, str, str, dict[str, str]]] = [
            ("agreement.md", "agreement", "documents/agreement.md.j2", {}),
            ("term-sheet.md", "term-sheet", "documents/term-sheet.md.j2", {}),
            ("readiness.md", "readiness", "documents/readiness.md.j2", {})]
        plan += [(f"checklists/{p}.md", "checklist", "documents/checklist.md.j2", {"partner": p})
                 for p in partners]
        documents = []
        for relpath, kind, template, more in plan:
            used: set[str] = set()
            body = self._expand(template, {**values, **more}, used)
            if not clean:
                body += "\n> Drafting note: check this.\n"
            meta = {"broken": fields.get("broken_word") == kind}
            documents.append(Document(relpath, kind, f"{kind.title()}: {values['title']}", body,
                                      frozenset(used), meta))
        if "file_output" in fields:  # a file output (not Markdown), like a chart or a spreadsheet
            documents.append(Document(fields["file_output"], "chart", f"Chart: {values['title']}", "",
                                      frozenset(), None, data=f"<svg>{values['title']}</svg>".encode()))
        data_files = tuple(sorted((self.root / "frameworks").iterdir()))
        return RenderedProject(Summary(values["title"], fields["verdict"], (), ("a warning",), "2026-11-20"),
                               tuple(documents), data_files)

    def finish(self, document: Document, provenance: Mapping[str, str]) -> str:
        front = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in sorted(provenance.items())) + "---\n"
        return front + document.markdown + "\n" + END

    def word(self, document: Document, provenance: Mapping[str, str], *, clean: bool) -> bytes:
        assert isinstance(document.meta, dict)
        if document.meta["broken"]:
            raise TemplateError("cannot convert a table", "word/house-style.docx")
        return self.page_word(self.finish(document, provenance) + self.shell_path.read_text(), "", "")

    def page_word(self, markdown: str, title: str, date: str) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            info = zipfile.ZipInfo("word/document.xml", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, f"{title} {date}\n{markdown}")
        return buffer.getvalue()


class Kit:
    """A temporary slate of fake projects, its templates and a build folder; builds in one call."""

    def __init__(self, root: Path, *, create: bool = True) -> None:
        self.root = root
        self.out = root / "build"
        self.projects = root / "projects"
        if create:
            write_fake_root(root)

    def project(self, slug: str, title: str | None = None, **fields: str) -> Path:
        path = self.projects / slug / "project.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(project_text(title or slug.replace("-", " ").title(), **fields))
        return path

    def sources(self) -> list[ProjectSource]:
        return [ProjectSource(path.parent.name, str(path))
                for path in sorted(self.projects.glob("*/project.yaml"))]

    def plan(self, *, out: Path | None = None, formats: tuple[Format, ...] = (Format.MD, Format.DOCX),
             clean: bool = False, force: bool = False, version: str = "1.0", jobs: int = 1,
             dry_run: bool = False, sources: list[ProjectSource] | None = None) -> BuildPlan:
        chosen = self.sources() if sources is None else sources
        return BuildPlan(out or self.out, tuple(chosen), Settings(formats, clean, force, version),
                         functools.partial(FakeProducer, self.root), jobs=jobs,
                         whole_slate=sources is None, dry_run=dry_run)

    def build(self, **options: object) -> BuildSummary:
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()
        reporter = Reporter(Mode.PLAIN, self.stdout, self.stderr)
        return build(self.plan(**options), reporter)  # type: ignore[arg-type]

    def touch_template(self, name: str, text: str) -> None:
        (self.root / "templates" / name).write_text(text)

    def files(self, out: Path | None = None) -> dict[str, bytes]:
        """Every file in the build folder but the state, by relative path."""
        base = out or self.out
        return {str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*"))
                if p.is_file() and ".coprod" not in p.parts}
