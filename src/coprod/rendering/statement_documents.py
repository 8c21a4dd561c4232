"""The statement documents of a project with a ledger: one per period, one per beneficiary, and a CSV.

Rendered with the document renderer's sandboxed environment and templates (``documents/statement.md.j2``,
``documents/beneficiary-statement.md.j2``), with the same front matter as every document, so the pipeline
writes them to Markdown and Word like the agreement. ``statements.csv`` is a file output: every figure
of every period, one row per payment line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import fields
from typing import Any

from coprod import __version__
from coprod.analysis.statements import Statements
from coprod.model.project import Project
from coprod.rendering.documents import (
    TEMPLATE_OF,
    DocumentKind,
    DocumentRenderer,
    RenderedDocument,
    _front_matter,
)
from coprod.rendering.environment import render
from coprod.rendering.meta import DocumentMeta
from coprod.rendering.view.common import table
from coprod.rendering.view.statements import beneficiary_view, statement_view

FOLDER = "statements"
CSV_PATH = f"{FOLDER}/statements.csv"
CSV_COLUMNS = ("period", "start", "end", "gross", "net", "reserve_held", "reserve_released",
               "reserve_balance", "tier", "tier_index", "kind", "payee", "pool", "entitled_to_date", "paid",
               "paid_to_date", "carried", "ahead")


def _render(renderer: DocumentRenderer, project: Project, kind: DocumentKind, relpath: str, view: Any,
            title: str) -> RenderedDocument:
    context = {f.name: getattr(view, f.name) for f in fields(view)}
    context["table"] = table
    body = re.sub(r"\n{3,}", "\n\n", render(renderer.env, TEMPLATE_OF[kind], context)).strip() + "\n"
    film = project.film.title
    meta = DocumentMeta(kind=kind.value, title=f"{title} — {film}", short_title=f"{film} — {title}",
                        film_title=film, parties=tuple(p.company for p in project.partners),
                        draft_number=project.draft.number, draft_date=project.draft.date,
                        language=project.legal.language, provenance={"generator": f"coprod {__version__}"})
    return RenderedDocument(relpath, kind, _front_matter(meta) + body, meta,
                            renderer.templates_used(TEMPLATE_OF[kind]))


def render_statements(renderer: DocumentRenderer, project: Project, statements: Statements
                      ) -> list[RenderedDocument]:
    """A statement per period, then a statement per beneficiary paid anything to date."""
    documents = [_render(renderer, project, DocumentKind.STATEMENT, f"{FOLDER}/{period.span.label}.md",
                         statement_view(project, statements, period),
                         f"Collection Account Statement {period.span.label}")
                 for period in statements.periods]
    last = statements.periods[-1] if statements.periods else None
    for payee in statements.payees():
        if last is not None and last.paid_to_date(payee):
            view = beneficiary_view(project, statements, payee)
            documents.append(_render(renderer, project, DocumentKind.BENEFICIARY_STATEMENT,
                                     f"{FOLDER}/beneficiaries/{payee}.md", view,
                                     f"Beneficiary Statement: {view.payee}"))
    return documents


def statements_csv(statements: Statements) -> bytes:
    """Every period's figures, one row per payment line, as CSV (UTF-8, one line feed per row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for period in statements.periods:
        head = (period.span.label, period.span.start.isoformat(), period.span.end.isoformat(), period.gross,
                period.net, period.reserve_held, period.reserve_released, period.reserve_balance)
        for line in period.lines:
            key = line.key
            writer.writerow((*head, key.tier, "" if key.tier_index is None else key.tier_index, key.kind,
                             key.payee, key.pool or "", line.entitled, line.paid, line.paid_to_date,
                             line.carried, line.ahead))
    return out.getvalue().encode()
