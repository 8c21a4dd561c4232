r"""Word-by-word differences inside one block of Markdown.

Text is cut into tokens that keep Markdown's inline syntax whole: a link (``[Clause 6](#approval)``) is one
token, an escape (``\\*``) is one, emphasis marks are their own, words and spaces are theirs. Two tokens are
the same when their text is; a link to a clause is the same link whatever number it shows, because the
number follows the clause and is not a change of text (Word prints it from a field).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

_TOKEN = re.compile(
    r"!?\[(?:\\.|[^\]\\])*\]\((?:\\.|[^)\\])*\)"  # a link or an image, whole
    r"|\\."  # an escaped character
    r"|\*\*|__|[*_`~]"  # emphasis and code marks
    r"|[^\s\\*_`~\[]+"  # a word (with its punctuation)
    r"|\s+"  # spaces and line breaks
    r"|.",  # anything else, one character at a time
    re.DOTALL,
)
_CLAUSE_LINK = re.compile(r"\[(?:\\.|[^\]\\])*\]\((#[A-Za-z][\w-]*)\)")


class Change(StrEnum):
    """What happened to a run of text between the drafts."""

    SAME = "same"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Run:
    """A run of Markdown text and what happened to it."""

    change: Change
    text: str


def tokens(text: str) -> list[str]:
    """*text* cut into comparison tokens; joined, they give *text* back."""
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    match = _CLAUSE_LINK.fullmatch(token)
    return f"\0link{match.group(1)}" if match else token


def diff_words(old: str, new: str) -> list[Run]:
    """The runs that turn *old* into *new*: unchanged text is taken from *new*."""
    before, after = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [_key(t) for t in before], [_key(t) for t in after], autojunk=False)
    runs: list[Run] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _append(runs, Change.SAME, after[b1:b2])
            continue
        if op in ("delete", "replace"):
            _append(runs, Change.DELETED, before[a1:a2])
        if op in ("insert", "replace"):
            _append(runs, Change.INSERTED, after[b1:b2])
    return _merge(runs)


def _append(runs: list[Run], change: Change, parts: Sequence[str]) -> None:
    text = "".join(parts)
    if not text:
        return
    if runs and runs[-1].change is change:
        runs[-1] = Run(change, runs[-1].text + text)
    else:
        runs.append(Run(change, text))


def _merge(runs: list[Run]) -> list[Run]:
    """Order each stretch of changes as its deletions then its insertions, merging neighbours.

    A lone space between two changes joins the stretch (deleted and inserted alike, so both drafts'
    texts stay exact): "quick brown" -> "slow red" reads as one change, not two.
    """
    merged: list[Run] = []
    pending = {Change.DELETED: "", Change.INSERTED: ""}

    def flush() -> None:
        for change in (Change.DELETED, Change.INSERTED):
            if pending[change]:
                merged.append(Run(change, pending[change]))
                pending[change] = ""

    for index, run in enumerate(runs):
        if run.change is not Change.SAME:
            pending[run.change] += run.text
            continue
        between_changes = (pending[Change.DELETED] or pending[Change.INSERTED]) and index + 1 < len(runs)
        if between_changes and not run.text.strip() and "\n" not in run.text:
            pending[Change.DELETED] += run.text
            pending[Change.INSERTED] += run.text
            continue
        flush()
        merged.append(run)
    flush()
    return merged


def old_text(runs: Sequence[Run]) -> str:
    """The older draft's text back from *runs* (links to clauses as the newer draft words them)."""
    return "".join(run.text for run in runs if run.change is not Change.INSERTED)


def new_text(runs: Sequence[Run]) -> str:
    """The newer draft's text back from *runs*."""
    return "".join(run.text for run in runs if run.change is not Change.DELETED)
