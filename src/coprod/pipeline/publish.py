"""Keep the build folder's pages current: ``index.md``, ``index.docx`` and every project's ``README.md``.

The pages are made from the state when a project was built or removed, when coprod changed, or when a
page is missing or was edited; a page whose bytes would not change is left alone. ``index.docx`` needs
the Word renderer, so it is asked for (from a worker, or a producer built then) only when the index
itself changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

from coprod.errors import CoprodError
from coprod.pipeline.atomic import write_all
from coprod.pipeline.fingerprint import Stamp, digest_bytes, stamp_file
from coprod.pipeline.pages import INDEX_TITLE, index_page, readme_page
from coprod.pipeline.plan import Settings
from coprod.pipeline.producer import describe_failure
from coprod.pipeline.staleness import PAGES_VERSION, wanted_pages
from coprod.pipeline.state import BuildState, ProjectRecord
from coprod.pipeline.targets import INDEX_PAGES, PROJECT_README


def _latest(projects: Mapping[str, ProjectRecord]) -> str:
    """The index's date: the latest draft date of its projects (never the clock, so builds repeat)."""
    dates = [str(record.summary.get("draft_date") or "") for record in projects.values()]
    return max(dates, default="") or "1970-01-01"


PageWord = Callable[[str, str, str], bytes]
"""Renders a build page's Markdown (with its title and ISO date) to .docx."""


class Publisher:
    """Refreshes the pages of one build folder."""

    def __init__(self, out: Path, state: BuildState, settings: Settings, page_word: PageWord) -> None:
        self._out = out
        self._state = state
        self._settings = settings
        self._page_word = page_word

    def refresh(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Rewrite the pages that differ from what the state says; return (written, failures)."""
        wanted = wanted_pages(self._state, self._settings)
        version = self._settings.version
        projects = self._state.projects()
        targets = self._state.targets()
        texts = {INDEX_PAGES[0]: index_page(list(projects.values()), targets, version)}
        for slug, record in projects.items():
            texts[f"{slug}/{PROJECT_README}"] = readme_page(record, targets.get(slug, []), version)
        written: list[str] = []
        failures: list[tuple[str, str]] = []
        stamps: dict[str, Stamp | None] = {}
        changes = {page: data for page, text in texts.items()
                   if (data := text.encode()) and self._differs(page, data, stamps)}
        if INDEX_PAGES[1] in wanted and (INDEX_PAGES[0] in changes or not self._is_current(INDEX_PAGES[1])):
            try:
                data = self._page_word(texts[INDEX_PAGES[0]], INDEX_TITLE, _latest(projects))
                if self._differs(INDEX_PAGES[1], data, stamps):
                    changes[INDEX_PAGES[1]] = data
            except Exception as error:  # the index's failure is reported like a target's
                failures.append((INDEX_PAGES[1], describe_failure(error)))
        try:
            write_all({self._out / page: data for page, data in changes.items()}, self._out)
        except CoprodError as error:
            failures.append(("pages", str(error)))
        for page, data in changes.items():
            path = self._out / page
            if path.is_file():
                stat = path.stat()
                stamps[page] = Stamp(stat.st_size, stat.st_mtime_ns, digest_bytes(data), time.time_ns())
                written.append(page)
        for page in self._state.pages():
            if page not in texts and page != INDEX_PAGES[1]:
                stamps[page] = None  # the README of a project that is gone
        with self._state.transaction():
            for page, stamp in stamps.items():
                self._state.record_page(page, stamp)
            self._state.set_meta(PAGES_VERSION, version)
        return written, failures

    def _is_current(self, page: str) -> bool:
        stamp = self._state.pages().get(page)
        try:
            return stamp is not None and stamp.matches((self._out / page).stat(), racy=False)
        except FileNotFoundError:
            return False

    def _differs(self, page: str, data: bytes, stamps: dict[str, Stamp | None]) -> bool:
        """True if *page* does not hold *data* already (if it does, note its stamp)."""
        existing = stamp_file(str(self._out / page))
        if existing is not None and existing.digest == digest_bytes(data):
            stamps[page] = existing
            return False
        return True
