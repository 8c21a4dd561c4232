"""Static checks of the templates, for ``coprod templates check``.

- Variables: every name a template uses (``jinja2.meta.find_undeclared_variables``) must be a field of
  the view model of each document that includes it, or one of the helpers; every attribute chain
  (``framework.application_deadline``, ``row.country`` inside ``{% for row in spend_plan %}``) must
  name a field of the type it is read from, following the view model's type hints.
- Defined terms: in documents with a definitions clause, a capitalised phrase in the middle of a sentence
  ("within five Business Days", "the Collection Account") that is not a defined term is reported, and so
  is a term defined with ``define()`` that no template text of the document uses.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import meta as jinja_meta
from jinja2 import nodes

from coprod.rendering.documents import HELPERS, TEMPLATE_OF, DocumentKind, DocumentRenderer
from coprod.rendering.outline import singular
from coprod.rendering.view.agreement import AgreementView
from coprod.rendering.view.checklist import ChecklistView
from coprod.rendering.view.readiness import ReadinessView
from coprod.rendering.view.statements import BeneficiaryView, StatementView
from coprod.rendering.view.terms import TermSheetView

VIEWS: dict[DocumentKind, type] = {
    DocumentKind.AGREEMENT: AgreementView, DocumentKind.TERM_SHEET: TermSheetView,
    DocumentKind.CHECKLIST: ChecklistView, DocumentKind.READINESS: ReadinessView,
    DocumentKind.STATEMENT: StatementView, DocumentKind.BENEFICIARY_STATEMENT: BeneficiaryView}
"""The view model each kind of document is rendered with."""

NOT_TERMS = frozenset({"Clause", "Clauses", "Schedule", "Schedules", "No"})
"""Capitalised words that are references ("Clause 9", "Draft No. 3"), not defined terms."""

_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"
_CAPITALISED = re.compile(rf"(?<![\w'\u2019-]){_WORD}(?:[ \t]+{_WORD})*")
# What may come right before the first word of a sentence: a line start, a full stop, a list or recital
# marker, a heading or emphasis mark, an opening quote or bracket.
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|^\s*(?:[-*+]|\d+\.|\([A-Z]\))\s+|[#*_“\"(]\s*)$")
_LOOP = {"index", "index0", "first", "last", "length", "revindex", "revindex0"}


@dataclass(frozen=True, slots=True)
class LintProblem:
    """Something wrong in one template, at one line."""

    template: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.template}:{self.line}: {self.message}"


@dataclass(slots=True)
class TemplateReport:
    """What one template uses, and which documents include it."""

    name: str
    variables: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)


def _unwrap(hint: Any) -> Any:
    """``X | None`` -> X; anything else unchanged."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _element(hint: Any) -> Any:
    """The element type of ``tuple[X, ...]``; None if *hint* is not such a tuple."""
    hint = _unwrap(hint)
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        return args[0] if args else None
    return None


def _field_type(owner: Any, name: str) -> Any:
    """The type of attribute *name* of *owner*, or raise KeyError."""
    owner = _unwrap(owner)
    if dataclasses.is_dataclass(owner) and isinstance(owner, type):
        hints = typing.get_type_hints(owner)
        if name in hints:
            return hints[name]
        raise KeyError(name)
    if owner == "loop" and name in _LOOP:
        return int
    if isinstance(owner, type) and hasattr(owner, name) and not name.startswith("_"):
        return Any
    raise KeyError(name)


def _chain(node: nodes.Expr) -> tuple[str, list[str]] | None:
    """``a.b.c`` -> ('a', ['b', 'c']); None for anything else."""
    attrs: list[str] = []
    while isinstance(node, nodes.Getattr):
        attrs.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name):
        return node.name, attrs[::-1]
    return None


class _Checker:
    """Walks one template's tree with a scope of names and their types."""

    def __init__(self, template: str, scope: dict[str, Any]) -> None:
        self.template = template
        self.problems: list[LintProblem] = []
        self._scope = [scope]

    def _lookup(self, name: str) -> Any:
        for scope in reversed(self._scope):
            if name in scope:
                return scope[name]
        return None

    def resolve(self, node: nodes.Expr) -> Any:
        """The type of *node* if it is a name or attribute chain (reporting bad attributes), else Any."""
        chain = _chain(node)
        if chain is None:
            return Any
        name, attrs = chain
        current = self._lookup(name)
        for attr in attrs:
            if current is None or current is Any:
                return Any
            try:
                current = _field_type(current, attr)
            except KeyError:
                owner = getattr(_unwrap(current), "__name__", str(current))
                self.problems.append(LintProblem(self.template, node.lineno,
                                                 f"'{owner}' has no field '{attr}' (in '{name}."
                                                 f"{'.'.join(attrs)}')"))
                return Any
        return current

    def visit(self, node: nodes.Node) -> None:
        """Check *node* and everything under it."""
        if isinstance(node, nodes.For):
            self.visit(node.iter)
            element = _element(self.resolve(node.iter)) if isinstance(node.iter, nodes.Expr) else None
            names = {n.name: Any for n in node.target.find_all(nodes.Name)}
            if isinstance(node.target, nodes.Name):
                names[node.target.name] = element if element is not None else Any
            self._scope.append({**names, "loop": "loop"})
            for child in node.body + node.else_:
                self.visit(child)
            self._scope.pop()
            return
        if isinstance(node, nodes.Getattr):
            self.resolve(node)
            return
        for child in node.iter_child_nodes():
            self.visit(child)


def _uses_definitions(tree: nodes.Template) -> bool:
    return any(isinstance(call.node, nodes.Name) and call.node.name == "definitions"
               for call in tree.find_all(nodes.Call))


def _term_defined(candidate: str, terms: set[str]) -> bool:
    words = candidate.split()
    known = {singular(term) for term in terms} | NOT_TERMS
    # Any defined term the phrase starts with ("the Sales Agent Fee" still uses "Sales Agent").
    return any(singular(" ".join(words[:end])) in known or " ".join(words[:end]) in known
               for end in range(len(words), 0, -1))


class TemplateLinter:
    """Checks every document template and the templates they include."""

    def __init__(self, renderer: DocumentRenderer | None = None) -> None:
        self.renderer = renderer or DocumentRenderer()
        self.env: jinja2.Environment = self.renderer.env

    def _tree(self, name: str) -> nodes.Template:
        assert self.env.loader is not None
        return self.env.parse(self.env.loader.get_source(self.env, name)[0], name)

    def check(self) -> tuple[list[TemplateReport], list[LintProblem]]:
        """The variables each template uses, and every problem found."""
        reports: dict[str, TemplateReport] = {}
        problems: list[LintProblem] = []
        for kind, document in TEMPLATE_OF.items():
            view = VIEWS[kind]
            scope: dict[str, Any] = {f.name: typing.get_type_hints(view)[f.name]
                                     for f in dataclasses.fields(view)}
            known = set(scope) | HELPERS
            used = sorted(self.renderer.templates_used(document))
            trees = {name: self._tree(name) for name in used}
            for name, tree in trees.items():
                report = reports.setdefault(name, TemplateReport(name))
                report.documents.add(kind)
                variables = jinja_meta.find_undeclared_variables(tree)
                report.variables |= variables
                for unknown in sorted(variables - known):
                    line = next((n.lineno for n in tree.find_all(nodes.Name) if n.name == unknown), 1)
                    problems.append(LintProblem(name, line, f"unknown variable '{unknown}': not a field of "
                                                f"{view.__name__} nor a helper"))
                checker = _Checker(name, {**scope, **{helper: Any for helper in HELPERS}})
                checker.visit(tree)
                problems += checker.problems
            if any(_uses_definitions(tree) for tree in trees.values()):
                problems += self._terms(trees, set(self.renderer.defined_terms(document)))
        unique = sorted(set(problems), key=lambda p: (p.template, p.line, p.message))
        return sorted(reports.values(), key=lambda r: r.name), unique

    def _terms(self, trees: dict[str, nodes.Template], terms: set[str]) -> list[LintProblem]:
        problems = []
        for name, tree in trees.items():
            for data in tree.find_all(nodes.TemplateData):
                for match in _CAPITALISED.finditer(data.data):
                    words = match.group().split()
                    if _term_defined(match.group(), terms):
                        continue
                    before = data.data[: match.start()]
                    # A sentence's first word is capitalised; so may be the first word after a tag
                    # ("…prevails.{% endif %} This Agreement"), where the text before is not visible.
                    starts = _SENTENCE_START.search(before.split("\n")[-1])
                    rest = " ".join(words[1:])
                    if (starts or not before.strip()) and (not rest or _term_defined(rest, terms)):
                        continue
                    phrase = rest if starts else match.group()
                    if phrase and not _term_defined(phrase, terms):
                        line = data.lineno + data.data[: match.start()].count("\n")
                        problems.append(LintProblem(name, line, f"'{phrase}' reads like a defined term but "
                                                    "is never defined (define it in "
                                                    "clauses/definitions.md.j2 or write it in lower case)"))
        return problems + self._unused(trees, terms)

    def _unused(self, trees: dict[str, nodes.Template], terms: set[str]) -> list[LintProblem]:
        """Terms defined with ``define()`` that no template text uses outside their own definition."""
        texts: list[str] = []
        places: dict[str, tuple[str, int]] = {}
        for name, tree in trees.items():
            for block in tree.find_all(nodes.CallBlock):
                call = block.call
                if isinstance(call.node, nodes.Name) and call.node.name == "define" and call.args and \
                        isinstance(call.args[0], nodes.Const):
                    places[str(call.args[0].value)] = (name, block.lineno)
            texts += [data.data for data in tree.find_all(nodes.TemplateData)]
        text = "\n".join(texts) + "\n" + _view_sentences()
        problems = []
        for term in sorted(terms):
            # The definition itself prints the term only as its argument, never in template text.
            if term in places and not _term_used(term, text):
                name, line = places[term]
                problems.append(LintProblem(name, line, f"the term '{term}' is defined but no template of "
                                            "the document uses it; remove the definition or use the term"))
        return problems


def _term_used(term: str, text: str) -> bool:
    words = singular(term)
    return words in text or (words.endswith("y") and words[:-1] + "ies" in text)


def _view_sentences() -> str:
    """The source of the view models, which build ready-made sentences that may use defined terms."""
    import inspect

    from coprod.rendering import view

    parts = []
    for module in pkgutil.iter_modules(view.__path__):
        parts.append(inspect.getsource(importlib.import_module(f"{view.__name__}.{module.name}")))
    return "\n".join(parts)
