"""A document's outline while it renders: clause numbers, cross-references and defined terms.

Templates build the document as a tree of calls::

    {% call clause("recoupment", "Recoupment and Net Profits") %}
      ... text, and nested {% call clause(...) %} blocks for sub-clauses ...
    {% endcall %}

A clause that a condition leaves out is never called, so it never takes a number: numbers are given in
the order clauses are rendered, per level, restarting under each parent, exactly as Word's automatic
numbering counts them. ``ref("recoupment")`` prints a placeholder that `Outline.finish` replaces, once
the whole document exists, with a link such as ``[Clause 9](#recoupment)``; a label that no rendered
clause carries is an error naming the template and line of the ``ref``. Definitions work the same way:
``define("Budget")`` records a definition, ``definitions()`` marks where they go, and `finish` lists
there, alphabetically, only the terms the document uses (including terms used by those definitions).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

import jinja2

from coprod.errors import TemplateError
from coprod.rendering.environment import current_position
from coprod.rendering.escape import Safe, escape, one_line
from coprod.rendering.view.notes import Note

MAX_DEPTH = 3
"""Clause levels the Markdown dialect and the Word numbering support (``##`` to ``####``)."""

_LABEL = re.compile(r"[a-z][a-z0-9-]*")
# Placeholders contain two adjacent braces, which escaped data can never produce (it escapes every brace).
_REF = re.compile(r"\{\{ref:(\d+)\}\}")
_NOTES = re.compile(r"\{\{notes:([a-z][a-z0-9-]*)\}\}")
_DEFINITIONS = "{{definitions}}"
_BLANK_RUNS = re.compile(r"\n{3,}")
_DOUBLE_STOP = re.compile(r"(?<=\w)\.\.(?=[\s*”)]|$)")

Caller = Callable[[], str]


class HeadingKind(StrEnum):
    """What a heading is: a numbered clause, a numbered schedule, or an unnumbered section."""

    CLAUSE = "clause"
    SCHEDULE = "schedule"
    SECTION = "section"


@dataclass(slots=True)
class Heading:
    """One heading of the outline."""

    kind: HeadingKind
    label: str
    number: str
    """'9', '9.2' for clauses; '2' for schedules; '' for sections."""
    title: str
    depth: int
    children: int = 0
    provides: frozenset[str] = frozenset()
    """What the clause does, as references may rely on it ('permits security'); see `Outline.ref`."""

    @property
    def reference(self) -> str:
        """How a cross-reference names this heading: 'Clause 9.2', 'Schedule 2', or the title."""
        if self.kind is HeadingKind.CLAUSE:
            return f"Clause {self.number}"
        if self.kind is HeadingKind.SCHEDULE:
            return f"Schedule {self.number}"
        return self.title


@dataclass(frozen=True, slots=True)
class _Reference:
    label: str
    template: str | None
    line: int | None
    relies_on: str | None = None


@dataclass(slots=True)
class Outline:
    """Per-render state behind the ``clause``, ``schedule``, ``section``, ``ref`` and ``define`` helpers.

    Attributes:
        env: The environment rendering the document (to locate template lines in errors).
        notes: Drafting notes; each is printed after the heading of the first of its labels that the
            document contains (or of its first clause, if it contains none of them).
        clean: Leave drafting notes out.
    """

    env: jinja2.Environment
    notes: Sequence[Note] = ()
    clean: bool = False
    known_terms: frozenset[str] = frozenset()
    """Every term the document's templates can define; using one whose definition a condition left out
    is an error."""
    data: tuple[str, ...] = ()
    """The project's text values: a term inside data (a company called 'Sales Agent Ltd') is not a use."""
    headings: dict[str, Heading] = field(default_factory=dict)
    _stack: list[Heading] = field(default_factory=list)
    _top_clauses: int = 0
    _schedules: int = 0
    _references: list[_Reference] = field(default_factory=list)
    _definitions: dict[str, Safe] = field(default_factory=dict)

    def helpers(self) -> dict[str, Callable[..., Safe]]:
        """The functions templates call, by name."""
        return {"clause": self.clause, "schedule": self.schedule, "section": self.section,
                "ref": self.ref, "define": self.define, "definitions": self.definitions}

    # --- headings ---------------------------------------------------------------------------------

    def _fail(self, message: str) -> TemplateError:
        return TemplateError(message, *current_position(self.env))

    def _open(self, kind: HeadingKind, label: str, title: str, provides: Sequence[str] = ()) -> Heading:
        if not isinstance(label, str) or not _LABEL.fullmatch(label):
            raise self._fail(f"expected a label of lower-case letters, digits and '-', found {label!r}")
        if label in self.headings:
            raise self._fail(f"the label '{label}' is used twice")
        parent = self._stack[-1] if self._stack else None
        depth = parent.depth + 1 if parent else 1
        if kind is HeadingKind.CLAUSE:
            if parent is not None and parent.kind is not HeadingKind.CLAUSE:
                raise self._fail(f"clause '{label}' cannot sit inside the {parent.kind} '{parent.label}'")
            if depth > MAX_DEPTH:
                raise self._fail(f"clause '{label}' is nested {depth} deep; at most {MAX_DEPTH} levels")
            if parent is None:
                self._top_clauses += 1
                number = str(self._top_clauses)
            else:
                parent.children += 1
                number = f"{parent.number}.{parent.children}"
        elif kind is HeadingKind.SCHEDULE:
            if parent is not None:
                raise self._fail(f"schedule '{label}' must be at the top level")
            self._schedules += 1
            number = str(self._schedules)
        else:
            number = ""
        heading = Heading(kind, label, number, str(title), depth, provides=frozenset(map(str, provides)))
        self.headings[label] = heading
        return heading

    def _block(self, kind: HeadingKind, label: str, title: str, caller: Caller,
               provides: Sequence[str] = ()) -> Safe:
        heading = self._open(kind, label, title, (provides,) if isinstance(provides, str) else provides)
        self._stack.append(heading)
        try:
            body = str(caller()).strip("\n")
        finally:
            self._stack.pop()
        hashes = "#" * (heading.depth + 1)
        shown = escape(heading.title)
        if kind is HeadingKind.CLAUSE:
            text = f"{heading.number}. {shown}" if heading.depth == 1 else f"{heading.number} {shown}"
        elif kind is HeadingKind.SCHEDULE:
            text = f"Schedule {heading.number} — {shown}"
        else:
            text = str(shown)
        return Safe(f"\n{hashes} {text} {{#{label}}}\n\n{{{{notes:{label}}}}}\n\n{body}\n\n")

    def clause(self, label: str, title: str, provides: Sequence[str] = (), *, caller: Caller) -> Safe:
        """Render a numbered clause; nest calls for sub-clauses.

        Used as ``{% call clause(label, title) %} ... {% endcall %}``; *provides* names what the clause
        does ('permits security'), for references that rely on it.
        """
        return self._block(HeadingKind.CLAUSE, label, title, caller, provides)

    def schedule(self, label: str, title: str, *, caller: Caller) -> Safe:
        """A schedule, numbered 'Schedule 1', 'Schedule 2' in order of appearance."""
        return self._block(HeadingKind.SCHEDULE, label, title, caller)

    def section(self, label: str, title: str, *, caller: Caller) -> Safe:
        """An unnumbered heading (Parties, Signatures, checklist parts)."""
        return self._block(HeadingKind.SECTION, label, title, caller)

    # --- references ---------------------------------------------------------------------------------

    def ref(self, label: str, relies_on: str | None = None) -> Safe:
        """A link to the clause, schedule or section *label*, resolved when the document is complete.

        ``ref("permitted-security", "permits security")`` also checks that the clause cited does what the
        sentence relies on: it (or one of its sub-clauses) must declare it with ``provides``.
        """
        template, line = current_position(self.env)
        self._references.append(_Reference(str(label), template, line,
                                           None if relies_on is None else str(relies_on)))
        return Safe(f"{{{{ref:{len(self._references) - 1}}}}}")

    def _resolve(self, match: re.Match[str]) -> str:
        reference = self._references[int(match.group(1))]
        heading = self.headings.get(reference.label)
        if heading is None:
            known = ", ".join(sorted(self.headings)) or "none"
            raise TemplateError(f"cross-reference to unknown label '{reference.label}' (labels in this "
                                f"document: {known})", reference.template, reference.line)
        if reference.relies_on is not None and reference.relies_on not in self._provided(heading):
            raise TemplateError(f"the text relies on {heading.reference} ('{heading.label}') to "
                                f"'{reference.relies_on}', but that clause does not (it provides: "
                                f"{', '.join(sorted(self._provided(heading))) or 'nothing declared'})",
                                reference.template, reference.line)
        return f"[{escape(heading.reference)}](#{heading.label})"

    def _provided(self, heading: Heading) -> frozenset[str]:
        """What *heading* and its sub-clauses declare they do."""
        inside = [h.provides for h in self.headings.values()
                  if h.kind is heading.kind and h.number.startswith(f"{heading.number}.")]
        return heading.provides.union(*inside)

    def markers(self) -> frozenset[str]:
        """Every heading's label and every ``provides`` marker of the document."""
        return frozenset(self.headings).union(*(h.provides for h in self.headings.values()))

    # --- definitions --------------------------------------------------------------------------------

    def defined_terms(self) -> frozenset[str]:
        """The terms this rendering defined (conditions included)."""
        return frozenset(self._definitions)

    def define(self, term: str, *, caller: Caller) -> Safe:
        """Record the definition of *term*, which starts with 'means'.

        Used as ``{% call define("Budget") %}means ...{% endcall %}``.
        """
        if term in self._definitions:
            raise self._fail(f"the term '{term}' is defined twice")
        self._definitions[str(term)] = Safe(" ".join(str(caller()).split()))
        return Safe("")

    def definitions(self) -> Safe:
        """Where the definitions go; filled by `finish` with the terms the document uses."""
        return Safe(_DEFINITIONS)

    def used_terms(self, text: str) -> list[str]:
        """The defined terms *text* uses, and the terms their definitions use, alphabetically."""
        used: set[str] = set()
        pending = [text]
        while pending:
            chunk = pending.pop()
            for term, definition in self._definitions.items():
                if term not in used and _find_term(term, chunk):
                    used.add(term)
                    pending.append(str(definition))
        return sorted(used, key=str.casefold)

    def _check_terms(self, text: str) -> None:
        # Removing data below only puts blanks in the text, so a term can be found afterwards only if
        # each word of it is in the text now: most documents need neither the removal nor a search.
        missing = [term for term in sorted(self.known_terms - set(self._definitions))
                   if all(word in text for word in _stem(term).split())]
        if not missing:
            return
        for value in sorted(self.data, key=len, reverse=True):
            for form in {str(escape(value)), str(one_line(value))}:
                text = text.replace(form, " ")
        for term in missing:
            match = _find_term(term, text)
            if match:
                line = text[: match.start()].split("\n")[-1][-60:]
                raise TemplateError(f"the document uses the defined term '{term}' but a condition left "
                                    f"its definition out (…{line}{match.group()}…); make the text that "
                                    "uses it conditional too, or the definition unconditional")

    def _definition_list(self, text: str) -> str:
        lines = [f"“**{escape(term)}**” {self._definitions[term]}" for term in self.used_terms(text)]
        return "\n\n".join(lines)

    # --- completion ---------------------------------------------------------------------------------

    def _place_notes(self, text: str) -> str:
        placed: dict[str, list[str]] = {label: [] for label in self.headings}
        clauses = [h.label for h in self.headings.values() if h.kind is HeadingKind.CLAUSE]
        first = clauses[0] if clauses else next(iter(self.headings), None)
        for note in () if self.clean else self.notes:
            label = next((label for label in note.labels if label in placed), first)
            if label is not None:
                placed[label].append(f"> {note.text}\n\n")
        return _NOTES.sub(lambda match: "".join(placed.get(match.group(1), ())), text)

    def finish(self, markdown: str) -> str:
        """Resolve references, notes and definitions, and tidy blank lines; the final Markdown."""
        text = markdown
        if _DEFINITIONS in text:
            body = text.replace(_DEFINITIONS, "")
            self._check_terms(body)
            text = text.replace(_DEFINITIONS, self._definition_list(body))
        text = self._place_notes(_REF.sub(self._resolve, text))
        # "... Guarantors Inc." followed by the sentence's own full stop prints one full stop.
        text = _DOUBLE_STOP.sub(".", text)
        text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
        return text + "\n"


def singular(term: str) -> str:
    """'Competent Authorities' -> 'Competent Authority'; 'Co-Producers' -> 'Co-Producer'."""
    if term.endswith("ies"):
        return term[:-3] + "y"
    return term.removesuffix("s")  # 'Business Days' -> 'Business Day' too


def _consonant_y(word: str) -> bool:
    """Whether *word*'s plural turns its final 'y' into 'ies' ('Authority'), unlike 'Day' -> 'Days'."""
    return len(word) > 1 and word.endswith("y") and word[-2].lower() not in "aeiou"


def _stem(term: str) -> str:
    """The text every form of *term* contains: 'Competent Authorit' for 'Competent Authorities'."""
    base = singular(term)
    return base[:-1] if _consonant_y(base) else base


def _find_term(term: str, text: str) -> re.Match[str] | None:
    """The first use of *term* in *text*, as ``_term_pattern(term).search(text)`` finds it.

    The pattern opens with a look-behind, which keeps the regex engine from skipping ahead to the term's
    text; trying it only where the stem occurs finds the same first match far faster.
    """
    stem, pattern = _stem(term), _term_pattern(term)
    at = text.find(stem)
    while at >= 0:
        match = pattern.match(text, at)
        if match:
            return match
        at = text.find(stem, at + 1)
    return None


@lru_cache(maxsize=1024)
def _term_pattern(term: str) -> re.Pattern[str]:
    # A term is used when it appears as whole words, in the singular or the plural.
    base = singular(term)
    forms = rf"{re.escape(base[:-1])}(?:y|ies)" if _consonant_y(base) else rf"{re.escape(base)}s?"
    return re.compile(rf"(?<![\w-]){forms}(?![\w-])")
