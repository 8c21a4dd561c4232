"""Representative documents in coprod's Markdown dialect, for the Word tests and the benchmark."""

from __future__ import annotations

import datetime as dt

from coprod.rendering.meta import DocumentMeta

HOSTILE = (
    "Smith & Sons <Ltd>",
    "{{ 7*7 }}",
    "{% if x %}y{% endif %}",
    "]]> <w:p/> &amp; \"quoted\" 'single'",
    "Ünïcödé — \u201ccurly\u201d \u2018quotes\u2019 中文",
)
"""Strings that must print literally in the Word file (escaped for Markdown where they appear there)."""


def md_escape(text: str) -> str:
    """Escape ``text`` for Markdown the way the document templates do (so it prints literally)."""
    return "".join("\\" + char if char in "\\`*_{}[]<>()#+-.!|&" else char for char in text)


def meta(
    kind: str = "term-sheet", parties: tuple[str, ...] = ("Aurora Films S.r.l.", HOSTILE[0])
) -> DocumentMeta:
    """Cover and property values, with a hostile party name."""
    return DocumentMeta(
        kind=kind,
        title="Co-production Agreement — The Salt Road",
        short_title="The Salt Road — Co-production Agreement",
        film_title="The Salt Road",
        parties=parties,
        draft_number=3,
        draft_date=dt.date(2026, 5, 4),
        legend="Subject to contract — privileged and confidential",
        slug="the-salt-road",
        provenance={"input_hash": "0123abcd4567", "coprod": "0.1.0"},
    )


SMALL = """\
---
title: "Small"
---
# Co-production Agreement

## 1. Definitions {#definitions}

> Drafting note: Belgium's share is 9.5%, below the 10% minimum (CETS 220, Art. 6) [V].

In this Agreement, **Film** means *The Salt Road*; see [Clause 2.1](#ownership-shares)
of [Clause 2](#shares) and [Schedule 1](#budget).[^1]

### 1.1 Interpretation {#interpretation}

1. first
2. second

3. restarted? no: same list

- a bullet
  1. nested one

## 2. Shares {#shares}

### 2.1 Ownership {#ownership-shares}

| Party | Share |
|:--|--:|
| Aurora | 60% |
| Smith \\& Sons \\<Ltd\\> | 40% |

#### 2.1.1 Rounding {#rounding}

Amounts are exact.

## Schedule 1 — Budget {#budget}

- [ ] Budget approved
- [x] Spend plan by country

[^1]: As defined by the Convention.
"""


def agreement(clauses: int = 20) -> str:
    """A long agreement: ``clauses`` top-level clauses, each with two sub-clauses and one third level,
    drafting notes, cross-references, lists, tables, a checklist schedule and hostile strings."""
    out = ['---\ntitle: "Agreement"\n---\n', "# Co-production Agreement\n"]
    for n in range(1, clauses + 1):
        out.append(f"## {n}. Clause heading {n} {{#clause-{n}}}\n")
        if n % 3 == 0:
            out.append(f"> Drafting note: clause {n} needs a lawyer's look ({md_escape(HOSTILE[n % 5])}).\n")
        ref = max(1, n - 1)
        out.append(
            f"The Co-Producers agree as set out in [Clause {ref}.1](#clause-{ref}-1), subject to "
            f"**Schedule 1** and to *the Convention*. Party: {md_escape(HOSTILE[n % 5])}.\n"
        )
        for m in (1, 2):
            out.append(f"### {n}.{m} Sub-clause {n}.{m} {{#clause-{n}-{m}}}\n")
            out.append(
                "Each Co-Producer shall contribute its share of the budget in the currency of the contract, "
                "at the fixed rate, and shall keep proper books of account for the Film.\n"
            )
            if m == 2:
                out.append("1. the first obligation;\n2. the second obligation; and\n3. the third.\n")
        out.append(f"#### {n}.2.1 Detail {n}.2.1\n")
        out.append("- a point of detail\n- another point\n")
        if n % 5 == 0:
            out.append(
                "| Item | Amount |\n|:--|--:|\n"
                "| Development | EUR 120,000.00 |\n| Production | EUR 2,280,000.00 |\n"
            )
    out.append("## Schedule 1 — Checklist {#schedule-1}\n")
    out.extend(f"- [{'x' if i % 2 else ' '}] Item {i} for {md_escape(HOSTILE[i % 5])}\n" for i in range(10))
    out.append("\n## Signatures\n\nSigned for and on behalf of each Co-Producer.\n")
    return "\n".join(out)
