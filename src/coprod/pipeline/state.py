"""The build state: an SQLite database under the build folder, written only after a target succeeds.

Like ninja's deps log, it records for every output the exact inputs it was built from (content hashes),
so a build with nothing to do decides that from this database and ``stat()`` alone. Tables:

- ``stamps``: size, mtime and digest of input files when last hashed (a cache; losing it costs hashing);
- ``depsets``: the input lists of targets, shared by every target with the same templates and digests;
- ``targets``: one row per output: its project, options, version, input hash, dependency set, and the
  stamp of the output itself (to notice a missing or hand-edited output);
- ``projects``: one row per built project: its project file and summary (verdict, findings, documents),
  and its quick check (below);
- ``pages``: stamps of the index and README pages;
- ``meta``: schema version and the name of the build that last held the folder.

A project whose targets were all built with one version, one set of options and one project-file digest
gets a *quick check* row: those three values, its dependency sets and its outputs' sizes and mtimes. A
no-op build reads 200 such rows instead of every target's, and falls back to the full per-target check
for any project the quick check cannot clear.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from coprod.errors import BuildError
from coprod.pipeline.fingerprint import Stamp
from coprod.pipeline.targets import Dep

SCHEMA_VERSION = "3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stamps (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL, checked_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS depsets (id INTEGER PRIMARY KEY, items TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS projects (
    slug TEXT PRIMARY KEY, project_file TEXT NOT NULL, summary TEXT NOT NULL, failed INTEGER NOT NULL,
    quick TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS targets (
    output TEXT PRIMARY KEY, slug TEXT NOT NULL, document TEXT NOT NULL, format TEXT NOT NULL,
    version TEXT NOT NULL, options TEXT NOT NULL, project_digest TEXT NOT NULL,
    depset INTEGER NOT NULL, input_hash TEXT NOT NULL,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, digest TEXT NOT NULL, checked_ns INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS targets_by_slug ON targets (slug);
CREATE TABLE IF NOT EXISTS pages (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL, checked_ns INTEGER NOT NULL);
"""


class TargetRecord(NamedTuple):
    """What the state knows about one output after its last successful build.

    A named tuple: a no-op build reads one per output of the slate.
    """

    output: str
    """Relative to the build folder: ``the-salt-road/agreement.docx``."""
    slug: str
    document: str
    """The document's Markdown path in its project folder: ``agreement.md``."""
    format: str
    version: str
    options: str
    project_digest: str
    deps: tuple[Dep, ...]
    """Shared by every record with the same inputs (the same tuple object, so it can key a memo)."""
    input_hash: str
    stamp: Stamp


class QuickCheck(NamedTuple):
    """What a no-op build needs to know about one project (see the module docstring)."""

    version: str
    options: str
    project_digest: str
    depsets: list[int]
    outputs: list[list[str | int]]
    """[output path in the project folder, size, mtime_ns] per output."""


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    """A built project: its file and the summary the index pages print."""

    slug: str
    project_file: str
    summary: dict[str, object]


def _encode_deps(deps: Iterable[Dep]) -> str:
    rows = [[dep.kind, dep.name, dep.path, dep.digest] for dep in sorted(deps, key=Dep.order)]
    return json.dumps(rows, separators=(",", ":"))


def _stamp(row: tuple[int, int, str, int]) -> Stamp:
    return Stamp(row[0], row[1], row[2], row[3])


def state_error(path: Path, error: sqlite3.Error) -> BuildError:
    """One line for a fault of the state database; a full disk says so (SQLite may say "disk I/O error")."""
    text = str(error)
    if "full" in text or _no_space(path):
        return BuildError(f"cannot record the build in {path}: no space left on device; free some space "
                          "and build again (earlier outputs are unchanged)")
    return BuildError(f"cannot use the build state {path}: {text}; remove {path.parent} to start afresh (the "
                      "next build rebuilds everything)")


def _no_space(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


class BuildState:
    """The open state database of one build folder. Use `open_state`."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self._db = connection
        self.path = path or Path("state.sqlite")
        self._depsets: dict[int, tuple[Dep, ...]] | None = None

    # -- reading ----------------------------------------------------------------------------------

    def stamps(self) -> dict[str, Stamp]:
        """Remembered stamps of input files, by path."""
        rows = self._db.execute("SELECT path, size, mtime_ns, digest, checked_ns FROM stamps")
        return {row[0]: _stamp(row[1:]) for row in rows}

    def quick_checks(self) -> dict[str, QuickCheck]:
        """The quick-check rows of the projects that have one, by slug."""
        rows = self._db.execute("SELECT slug, quick FROM projects WHERE quick != ''")
        return {row[0]: QuickCheck._make(json.loads(row[1])) for row in rows}

    def depsets(self) -> dict[int, tuple[Dep, ...]]:
        """Every dependency set, by id; each a single shared tuple."""
        return self._all_depsets()

    def _all_depsets(self) -> dict[int, tuple[Dep, ...]]:
        if self._depsets is None:
            self._depsets = {
                row[0]: tuple(Dep._make(item) for item in json.loads(row[1]))
                for row in self._db.execute("SELECT id, items FROM depsets")}
        return self._depsets

    def targets(self) -> dict[str, list[TargetRecord]]:
        """Every recorded target, grouped by project slug."""
        depsets = self._all_depsets()
        grouped: dict[str, list[TargetRecord]] = {}
        rows = self._db.execute(
            "SELECT output, slug, document, format, version, options, project_digest, depset,"
            " input_hash, size, mtime_ns, digest, checked_ns FROM targets")
        for row in rows:
            record = TargetRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                                  depsets.get(row[7], ()), row[8], Stamp(row[9], row[10], row[11], row[12]))
            grouped.setdefault(record.slug, []).append(record)
        return grouped

    def slugs(self) -> list[str]:
        """The slugs of every built project."""
        return [row[0] for row in self._db.execute("SELECT slug FROM projects ORDER BY slug")]

    def failed(self) -> set[str]:
        """The slugs of projects whose last build failed."""
        rows = self._db.execute("SELECT slug FROM projects WHERE failed")
        return {row[0] for row in rows}

    def projects(self) -> dict[str, ProjectRecord]:
        """Every built project, by slug."""
        rows = self._db.execute("SELECT slug, project_file, summary FROM projects ORDER BY slug")
        return {row[0]: ProjectRecord(row[0], row[1], json.loads(row[2])) for row in rows}

    def pages(self) -> dict[str, Stamp]:
        """Stamps of the index and README pages, by path relative to the build folder."""
        rows = self._db.execute("SELECT path, size, mtime_ns, digest, checked_ns FROM pages")
        return {row[0]: _stamp(row[1:]) for row in rows}

    def meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # -- writing (each method is one transaction) -------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit what the block writes, or nothing if it raises.

        Raises:
            BuildError: SQLite failed (a full disk, a damaged file), in one line.
        """
        try:
            with self._db:
                yield
        except sqlite3.Error as error:
            raise state_error(self.path, error) from None

    def set_meta(self, key: str, value: str) -> None:
        """Set a meta value."""
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def save_stamps(self, stamps: dict[str, Stamp]) -> None:
        """Remember freshly taken input stamps."""
        self._db.executemany(
            "INSERT OR REPLACE INTO stamps (path, size, mtime_ns, digest, checked_ns) VALUES (?,?,?,?,?)",
            [(path, s.size, s.mtime_ns, s.digest, s.checked_ns) for path, s in stamps.items()])

    def _depset_id(self, deps: tuple[Dep, ...]) -> int:
        items = _encode_deps(deps)
        row = self._db.execute("SELECT id FROM depsets WHERE items = ?", (items,)).fetchone()
        if row is not None:
            return int(row[0])
        cursor = self._db.execute("INSERT INTO depsets (items) VALUES (?)", (items,))
        self._depsets = None
        return int(cursor.lastrowid or 0)

    def record_target(self, record: TargetRecord) -> None:
        """Record a target that has just been built and written."""
        stamp = record.stamp
        self._db.execute(
            "INSERT OR REPLACE INTO targets (output, slug, document, format, version, options,"
            " project_digest, depset, input_hash, size, mtime_ns, digest, checked_ns)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (record.output, record.slug, record.document, record.format, record.version, record.options,
             record.project_digest, self._depset_id(record.deps), record.input_hash,
             stamp.size, stamp.mtime_ns, stamp.digest, stamp.checked_ns))

    def refresh_output(self, output: str, stamp: Stamp) -> None:
        """Remember a newer stamp of an unchanged output (touched, same content)."""
        self._db.execute("UPDATE targets SET size=?, mtime_ns=?, checked_ns=? WHERE output=?",
                         (stamp.size, stamp.mtime_ns, stamp.checked_ns, output))

    def forget_target(self, output: str) -> None:
        """Forget an output that the build removed."""
        self._db.execute("DELETE FROM targets WHERE output = ?", (output,))

    def record_project(self, record: ProjectRecord) -> None:
        """Record a project's file and summary."""
        self._db.execute(
            "INSERT OR REPLACE INTO projects (slug, project_file, summary, failed) VALUES (?,?,?,?)",
            (record.slug, record.project_file, json.dumps(record.summary, sort_keys=True, ensure_ascii=False),
             int(bool(record.summary.get("failed")))))

    def update_quick(self, slug: str) -> None:
        """Recompute *slug*'s quick-check row from its target rows (after they changed)."""
        rows = self._db.execute("SELECT version, options, project_digest, depset, output, size, mtime_ns"
                                " FROM targets WHERE slug = ?", (slug,)).fetchall()
        heads = {row[:3] for row in rows}
        quick = ""
        if len(heads) == 1:
            version, options, digest = heads.pop()
            prefix = len(slug) + 1
            quick = json.dumps([version, options, digest, sorted({row[3] for row in rows}),
                                [[row[4][prefix:], row[5], row[6]] for row in rows]], separators=(",", ":"))
        self._db.execute("UPDATE projects SET quick = ? WHERE slug = ?", (quick, slug))

    def forget_project(self, slug: str) -> None:
        """Forget a project and its targets."""
        self._db.execute("DELETE FROM projects WHERE slug = ?", (slug,))
        self._db.execute("DELETE FROM targets WHERE slug = ?", (slug,))

    def record_page(self, path: str, stamp: Stamp | None) -> None:
        """Remember a written index or README page (None: forget it)."""
        if stamp is None:
            self._db.execute("DELETE FROM pages WHERE path = ?", (path,))
            return
        self._db.execute(
            "INSERT OR REPLACE INTO pages (path, size, mtime_ns, digest, checked_ns) VALUES (?,?,?,?,?)",
            (path, stamp.size, stamp.mtime_ns, stamp.digest, stamp.checked_ns))

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def state_path(out: Path) -> Path:
    """Where the state database of build folder *out* lives."""
    return out / ".coprod" / "state.sqlite"


def open_state(out: Path, *, create: bool = True) -> BuildState | None:
    """Open (or create) the state database of *out*; None if it does not exist and *create* is False.

    Raises:
        BuildError: the database cannot be opened or is not a coprod state database.
    """
    path = state_path(out)
    if not create and not path.exists():
        return None
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level="DEFERRED")
        connection.execute("PRAGMA journal_mode=WAL")  # readers (a dry run) never block the build
        connection.execute("PRAGMA synchronous=NORMAL")  # a lost last commit only means a rebuild
        with connection:
            connection.executescript(_SCHEMA)
        found = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None:
            with connection:
                connection.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif found[0] != SCHEMA_VERSION:
            connection.close()
            raise BuildError(f"{path} was written by another version of coprod (state schema {found[0]}, "
                             f"expected {SCHEMA_VERSION}); remove {path.parent} and build again (the "
                             "next build rebuilds everything)")
    except sqlite3.Error as error:
        raise state_error(path, error) from None
    except OSError as error:
        raise BuildError(f"cannot open the build state {path}: {error}; remove {path.parent} to start "
                         "afresh (the next build rebuilds everything)") from None
    return BuildState(connection, path)
