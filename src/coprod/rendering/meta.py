"""What a rendered document says about itself: title, parties, draft, provenance.

The Markdown path prints it as front matter; the Word path puts it on the cover page, in the header and
footer, and in the document properties. Both take it from here, never from the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """The cover-page and property values of one document."""

    kind: str
    """'agreement', 'term-sheet', 'readiness' or 'checklist'."""
    title: str
    """Full title, e.g. 'Co-production Agreement — The Salt Road'."""
    short_title: str
    """For the running header, e.g. 'The Salt Road — Co-production Agreement'."""
    film_title: str
    parties: tuple[str, ...]
    """Company names of the parties, for the cover."""
    draft_number: int
    draft_date: dt.date
    language: str = "en"
    legend: str = ""
    """Printed in the Word footer, e.g. 'Subject to contract — privileged and confidential'."""
    slug: str = ""
    """The project's folder name, for the document reference in the Word footer (set by the build)."""
    provenance: dict[str, str] = field(default_factory=dict)
    """Input hash, coprod version and similar; written into document properties and front matter."""
