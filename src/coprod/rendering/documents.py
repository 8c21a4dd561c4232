"""The documents of a project, rendered to Markdown: what to build (`plan`) and building it (`render`).

`DocumentRenderer` holds the sandboxed environment (build it once per worker process). For each document
it builds a typed view model, renders the document template with the outline helpers, resolves
cross-references, definitions and drafting notes, and prefixes a front-matter block. The agreement is
rendered first, so checklists can cite its clause numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta as jinja_meta
from jinja2 import nodes

from coprod import __version__
from coprod.analysis.contract.coverage import coverage
from coprod.analysis.eligibility.catalog import FrameworkCatalog
from coprod.analysis.eligibility.schema import Framework
from coprod.analysis.findings import Finding
from coprod.analysis.run import Analysis
from coprod.errors import TemplateError
from coprod.model.project import Project
from coprod.rendering.environment import TEMPLATES, create_environment, render
from coprod.rendering.locate import LineMarks, MarkedText
from coprod.rendering.meta import DocumentMeta
from coprod.rendering.outline import Outline
from coprod.rendering.prose import ProseProblem, check_prose
from coprod.rendering.view.agreement import agreement_view, rationale_notes
from coprod.rendering.view.checklist import checklist_view
from coprod.rendering.view.common import table
from coprod.rendering.view.framework import FrameworkView, framework_view
from coprod.rendering.view.legal import LIBRARY_LANGUAGE
from coprod.rendering.view.notes import Note, drafting_notes
from coprod.rendering.view.readiness import readiness_view
from coprod.rendering.view.terms import term_sheet_view

DEFAULT_LEVELS: tuple[Decimal, ...] = (Decimal(50), Decimal(100), Decimal(150), Decimal(200))
"""Receipt levels of the term sheet's scenario table, per cent of the budget."""

STATUS = "Draft for discussion — not legal advice"

class DocumentKind(StrEnum):
    """The four kinds of document; the value is what front matter and ``DocumentMeta.kind`` say."""

    AGREEMENT = "agreement"
    TERM_SHEET = "term-sheet"
    CHECKLIST = "checklist"
    READINESS = "readiness"
    STATEMENT = "statement"
    BENEFICIARY_STATEMENT = "beneficiary-statement"


TEMPLATE_OF = {
    DocumentKind.AGREEMENT: "documents/agreement.md.j2",
    DocumentKind.TERM_SHEET: "documents/term-sheet.md.j2",
    DocumentKind.CHECKLIST: "documents/checklist.md.j2",
    DocumentKind.READINESS: "documents/readiness.md.j2",
    DocumentKind.STATEMENT: "documents/statement.md.j2",
    DocumentKind.BENEFICIARY_STATEMENT: "documents/beneficiary-statement.md.j2",
}
"""The document template of each kind of document."""

HELPERS = frozenset({"clause", "schedule", "section", "ref", "define", "definitions", "table"})
"""Functions every template may call, besides the view model's fields."""

# Findings the term sheet notes: those about money, rights and the waterfall.
_TERM_SHEET_AREAS = frozenset({"finance", "waterfall", "rights"})


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One document a project gets."""

    kind: DocumentKind
    relpath: str
    """Path of the Markdown file relative to the project's build folder, e.g. 'checklists/aurora.md'."""
    partner: str | None = None
    """The partner a checklist is for."""

    @property
    def template(self) -> str:
        """The document template, relative to ``templates/``."""
        return TEMPLATE_OF[self.kind]


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A rendered document and what it was made from."""

    relpath: str
    kind: DocumentKind
    markdown: str
    meta: DocumentMeta
    templates: frozenset[str]
    """Template files used, includes followed, relative to ``templates/``."""


class DocumentRenderer:
    """Renders a project's documents to Markdown; holds the Jinja environment."""

    def __init__(self, templates: Path = TEMPLATES, *, levels: Sequence[Decimal] = DEFAULT_LEVELS,
                 catalog: FrameworkCatalog | None = None, marked: bool = False) -> None:
        """Load templates from *templates*.

        Args:
            templates: The templates folder (``documents/`` and ``clauses/``).
            levels: Receipt levels of the term sheet's scenarios, per cent of the budget.
            catalog: Frameworks to read the instrument's file from; coprod's own if None.
            marked: Mark every line of template text with its template and line (`locate.py`), to find
                where a slip the prose checks found comes from.
        """
        self.env: jinja2.Environment = create_environment(templates)
        if marked:
            self.env.add_extension(LineMarks)
        self._root = templates
        self._marked: DocumentRenderer | None = None
        self.levels = tuple(Decimal(level) for level in levels)
        self._catalog = catalog
        self._uses: dict[str, frozenset[str]] = {}
        self._terms: dict[str, frozenset[str]] = {}
        self._trees: dict[str, nodes.Template] = {}

    # --- planning -----------------------------------------------------------------------------------

    def plan(self, project: Project) -> list[DocumentSpec]:
        """The documents *project* gets, in the order they are rendered."""
        specs = [DocumentSpec(DocumentKind.AGREEMENT, "agreement.md"),
                 DocumentSpec(DocumentKind.TERM_SHEET, "term-sheet.md")]
        specs += [DocumentSpec(DocumentKind.CHECKLIST, f"checklists/{partner.id}.md", partner.id)
                  for partner in project.partners]
        specs.append(DocumentSpec(DocumentKind.READINESS, "readiness.md"))
        return specs

    def templates_used(self, name: str) -> frozenset[str]:
        """*name* and every template it includes, transitively (includes must name a constant)."""
        if name not in self._uses:
            seen: set[str] = set()
            pending = [name]
            while pending:
                current = pending.pop()
                if current in seen:
                    continue
                seen.add(current)
                for included in jinja_meta.find_referenced_templates(self._tree(current)):
                    if included is None:
                        raise TemplateError("an include must name its template as a constant", current)
                    pending.append(included)
            self._uses[name] = frozenset(seen)
        return self._uses[name]

    def defined_terms(self, name: str) -> frozenset[str]:
        """Every term that *name* and its includes define with ``define("...")``, under any condition."""
        if name in self._terms:
            return self._terms[name]
        terms: set[str] = set()
        for used in self.templates_used(name):
            for block in self._tree(used).find_all(nodes.CallBlock):
                call = block.call
                if isinstance(call.node, nodes.Name) and call.node.name == "define" and call.args and \
                        isinstance(call.args[0], nodes.Const):
                    terms.add(str(call.args[0].value))
        self._terms[name] = frozenset(terms)
        return self._terms[name]

    def _tree(self, name: str) -> nodes.Template:
        """The parsed template *name*, parsed once for both questions above."""
        if name not in self._trees:
            try:
                assert self.env.loader is not None
                source = self.env.loader.get_source(self.env, name)[0]
                self._trees[name] = self.env.parse(source, name)
            except jinja2.TemplateSyntaxError as error:
                raise TemplateError(f"template syntax error: {error.message}", name, error.lineno) from None
            except jinja2.TemplateNotFound:
                raise TemplateError(f"template not found: {name}") from None
        return self._trees[name]

    # --- rendering ----------------------------------------------------------------------------------

    def render(self, project: Project, analysis: Analysis, *, clean: bool = False,
               catalog: FrameworkCatalog | None = None) -> list[RenderedDocument]:
        """Render every document of *project*; *clean* leaves the drafting notes out.

        *catalog* is the frameworks the analysis read (a user's own among them); the renderer's own
        catalogue when None.
        """
        instrument = self._instrument(project, analysis, catalog)
        verdict = analysis.eligibility
        framework = (None if instrument is None or verdict is None
                     else framework_view(project, verdict, instrument))
        findings = tuple(analysis.findings)
        documents = []
        clause_numbers: dict[str, str] = {}
        texts = _texts(project)
        for spec in self.plan(project):
            arguments = (spec, project, analysis, framework, findings, clean, clause_numbers, texts)
            document, outline = self._render_one(*arguments)
            if spec.kind is DocumentKind.AGREEMENT:
                # What the treaty and the incentives require of the contract, against the clauses drafted;
                # a gap is a finding on the agreement (noted in it) and in every later document.
                missing = coverage(project, instrument, outline.markers(), outline.defined_terms())
                if missing:
                    findings = (*findings, *missing)
                    analysis = analysis.model_copy(update={"findings": findings})
                    arguments = (spec, project, analysis, framework, findings, clean, clause_numbers, texts)
                    document, outline = self._render_one(*arguments)
            problems = check_prose(document.markdown, texts)
            if problems:
                raise self._prose_error(document, problems, arguments)
            if spec.kind is DocumentKind.AGREEMENT:
                clause_numbers = {label: h.reference for label, h in outline.headings.items()}
            documents.append(document)
        return documents

    def _prose_error(self, document: RenderedDocument, problems: list[ProseProblem],
                     arguments: tuple[Any, ...]) -> TemplateError:
        """The prose slips of *document*, each at the template line it comes from."""
        if self._marked is None:
            self._marked = DocumentRenderer(self._root, levels=self.levels, catalog=self._catalog,
                                            marked=True)
        marked = MarkedText.parse(self._marked._render_one(*arguments)[0].markdown)
        found = check_prose(marked.text, arguments[-1])
        lines = []
        for problem in problems:
            twin = next((p for p in found if (p.rule, p.excerpt) == (problem.rule, problem.excerpt)),
                        next((p for p in found if p.rule == problem.rule), None))
            template, line = marked.place(twin.offset) if twin else (None, None)
            where = f"{template}:{line}: " if template else ""
            lines.append(f"{where}{problem}")
            if twin is not None:
                found.remove(twin)
        return TemplateError(f"{document.relpath}: the text has {len(problems)} slip"
                             f"{'s' if len(problems) != 1 else ''} a reader would notice:\n  "
                             + "\n  ".join(lines))

    def _instrument(self, project: Project, analysis: Analysis,
                    catalog: FrameworkCatalog | None) -> Framework | None:
        """The framework file the agreement is drafted under; None for a creative co-production."""
        verdict = analysis.eligibility
        if project.structure.kind != "official" or verdict is None:
            return None
        if catalog is None:
            if self._catalog is None:
                from coprod.loading.frameworks import builtin_catalog

                self._catalog = builtin_catalog()
            catalog = self._catalog
        framework = catalog.get(verdict.instrument)
        if framework is None:
            raise TemplateError(f"the framework '{verdict.instrument}' has no file in the catalogue")
        return framework

    def _render_one(self, spec: DocumentSpec, project: Project, analysis: Analysis,
                    framework: FrameworkView | None, findings: tuple[Finding, ...], clean: bool,
                    clause_numbers: Mapping[str, str], texts: tuple[str, ...]
                    ) -> tuple[RenderedDocument, Outline]:
        view: Any
        notes: tuple[Finding, ...] = ()
        extra: tuple[Note, ...] = ()
        if spec.kind is DocumentKind.AGREEMENT:
            view, notes = agreement_view(project, framework), findings
            extra = rationale_notes(project)
        elif spec.kind is DocumentKind.TERM_SHEET:
            view = term_sheet_view(project, self.levels)
            notes = tuple(f for f in findings if f.area in _TERM_SHEET_AREAS)
        elif spec.kind is DocumentKind.CHECKLIST:
            assert spec.partner is not None
            view = checklist_view(project, spec.partner, analysis.schedule, clause_numbers)
        else:
            view = readiness_view(project, analysis, framework)
        outline = Outline(self.env, drafting_notes(notes) + extra, clean, self.defined_terms(spec.template),
                          texts)
        context = {f.name: getattr(view, f.name) for f in fields(view)}
        context.update(outline.helpers())
        context["table"] = table
        body = outline.finish(render(self.env, spec.template, context))
        meta = self._meta(spec, project)
        markdown = _front_matter(meta) + body
        return RenderedDocument(spec.relpath, spec.kind, markdown, meta,
                                self.templates_used(spec.template)), outline

    def _meta(self, spec: DocumentSpec, project: Project) -> DocumentMeta:
        film = project.film.title
        names = {DocumentKind.AGREEMENT: "Co-production Agreement",
                 DocumentKind.TERM_SHEET: "Rights and Recoupment Term Sheet",
                 DocumentKind.READINESS: "Readiness Report"}
        if spec.kind is DocumentKind.CHECKLIST:
            assert spec.partner is not None
            company = project.partner(spec.partner).company
            title, short = f"Checklist for {company} — {film}", f"{film} — Checklist: {company}"
            parties: tuple[str, ...] = (company,)
        else:
            title, short = f"{names[spec.kind]} — {film}", f"{film} — {names[spec.kind]}"
            parties = tuple(p.company for p in project.partners)
        return DocumentMeta(kind=spec.kind.value, title=title, short_title=short, film_title=film,
                            parties=parties, draft_number=project.draft.number,
                            draft_date=project.draft.date, language=LIBRARY_LANGUAGE,
                            legend=project.draft.legend, provenance={"generator": f"coprod {__version__}"})


def _texts(project: Project) -> tuple[str, ...]:
    """Every string value in *project* (keys of mappings included)."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(project.model_dump(mode="python"))
    return tuple(dict.fromkeys(found))


def _json(value: object) -> str:
    # Braces as \u escapes (valid in JSON and in YAML double-quoted scalars): no output of coprod ever
    # contains Jinja syntax, even in its front matter.
    return json.dumps(value, ensure_ascii=False).replace("{", "\\u007b").replace("}", "\\u007d")


def _front_matter(meta: DocumentMeta) -> str:
    """The YAML front matter: every value JSON-encoded, so it is valid YAML whatever the data holds."""
    values: dict[str, object] = {
        "title": meta.title, "kind": meta.kind, "film": meta.film_title, "parties": list(meta.parties),
        "draft": meta.draft_number, "date": meta.draft_date.isoformat(), "language": meta.language,
        "status": STATUS, **{key: meta.provenance[key] for key in sorted(meta.provenance)},
    }
    lines = [f"{key}: {_json(value)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
