"""Content hashes of files, checked from cheap to dear: size and mtime first, the hash only when they moved.

A `Stamp` remembers a file's size, mtime and digest, and when the digest was taken. A stamp is trusted
without reading the file only if size and mtime are unchanged *and* the digest was taken comfortably after
the mtime: a file edited twice within one tick of a coarse file-system clock keeps its mtime, so a stamp
taken in that tick proves nothing (git's "racy" entries). Such files are hashed again next time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from stat import S_ISREG
from typing import NamedTuple

from coprod.pipeline.targets import MISSING, Dep

RACY_NS = 1_000_000_000
"""A digest taken less than this long after the file's mtime is not trusted (coarse mtime clocks)."""


def digest_bytes(data: bytes) -> str:
    """The content hash used throughout the build state."""
    import hashlib  # here: a no-op build trusts its stamps and never hashes, so never pays for OpenSSL

    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Stamp(NamedTuple):
    """A file's size and mtime when its digest was taken, and the time it was taken.

    A named tuple rather than a frozen dataclass: a no-op build reads thousands of them.
    """

    size: int
    mtime_ns: int
    digest: str
    checked_ns: int

    def matches(self, stat: os.stat_result, *, racy: bool = True) -> bool:
        """True if *stat* shows the same file and the digest can be trusted without reading it.

        With *racy* False the racy-clock doubt is waived: right for outputs, which the build itself
        wrote, since no person edits a file within one clock tick of its being written.
        """
        return (stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns
                and (not racy or self.checked_ns - self.mtime_ns >= RACY_NS))


def stamp_file(path: str, data: bytes | None = None) -> Stamp | None:
    """Stat and hash *path* (or hash *data*, its known content); None if the file does not exist."""
    try:
        stat = os.stat(path)  # noqa: PTH116 - hot path over string paths from the state
        if not S_ISREG(stat.st_mode):
            return None  # a pipe or device would block: treated as missing; the loader names it
        if data is None:
            with open(path, "rb") as handle:  # noqa: PTH123 - hot path, plain open is cheapest
                data = handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return Stamp(stat.st_size, stat.st_mtime_ns, digest_bytes(data), time.time_ns())


class Hasher:
    """Digests of input files for one build, from remembered stamps where they can be trusted.

    Each path is looked at once per build; `fresh` holds the stamps taken anew, to be saved.
    """

    def __init__(self, stamps: dict[str, Stamp]) -> None:
        self._stamps = stamps
        self._digests: dict[str, str] = {}
        self.fresh: dict[str, Stamp] = {}

    def digest(self, path: str) -> str:
        """The current digest of *path*, or `MISSING` if it does not exist."""
        known = self._digests.get(path)
        if known is not None:
            return known
        try:
            stat = os.stat(path)  # noqa: PTH116 - hot path over string paths from the state
        except FileNotFoundError:
            self._digests[path] = MISSING
            return MISSING
        stamp = self._stamps.get(path)
        if stamp is None or not stamp.matches(stat):
            stamp = stamp_file(path)
            if stamp is None:
                self._digests[path] = MISSING
                return MISSING
            self.fresh[path] = stamp
            self._stamps[path] = stamp
        self._digests[path] = stamp.digest
        return stamp.digest

    def forget(self) -> None:
        """Drop the per-build memo so the next `digest` looks at the files again (long-lived workers)."""
        self._digests.clear()


def input_hash(output: str, version: str, options: str, project_digest: str, deps: Iterable[Dep]) -> str:
    """The hash of everything target *output* is built from; recorded, and printed as its provenance."""
    lines = [f"target {output}", f"coprod {version}", f"options {options}", f"project {project_digest}"]
    lines.extend(f"{dep.kind}\t{dep.name}\t{dep.digest}" for dep in sorted(deps, key=lambda d: d.path))
    return digest_bytes("\n".join(lines).encode())
