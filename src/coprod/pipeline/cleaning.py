"""``coprod clean``: remove what the build made (outputs, pages, state), and nothing else.

Only files the state records are removed, then the folders that leaves empty; a file someone put in the
build folder by hand stays, and is counted in the message so nobody wonders why the folder is still there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coprod.errors import BuildError
from coprod.pipeline.atomic import sweep_temps
from coprod.pipeline.lock import build_lock
from coprod.pipeline.state import open_state
from coprod.pipeline.targets import STATE_DIR


@dataclass(slots=True)
class Cleaned:
    """What `clean` removed and left."""

    removed: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """Files coprod did not make, relative to the build folder."""


def _prune_empty(out: Path) -> None:
    """Remove the folders under *out* (and *out*) that are empty, deepest first."""
    for folder, _dirs, _files in os.walk(out, topdown=False):
        if next(Path(folder).iterdir(), None) is None:
            Path(folder).rmdir()


def clean(out: Path, on_wait: Callable[[str], None] | None = None) -> Cleaned:
    """Remove the outputs, pages and state of build folder *out*.

    Raises:
        BuildError: *out* is a file, or a file cannot be removed.
    """
    done = Cleaned()
    if not out.exists():
        return done
    if not out.is_dir():
        raise BuildError(f"the build folder {out} is a file; coprod did not make it and leaves it alone")
    try:
        with build_lock(out / STATE_DIR, on_wait or (lambda _message: None)):
            state = open_state(out, create=False)
            if state is not None:
                try:
                    made = [record.output for records in state.targets().values() for record in records]
                    made += list(state.pages())
                finally:
                    state.close()
                for relpath in sorted(set(made)):
                    path = out / relpath
                    if path.is_file():
                        path.unlink()
                        done.removed.append(relpath)
            sweep_temps(out)
            shutil.rmtree(out / STATE_DIR)
        _prune_empty(out)
    except OSError as error:
        raise BuildError(f"cannot clean {out}: {(error.strerror or str(error)).lower()}"
                         f"{f' ({error.filename})' if error.filename else ''}") from None
    if out.exists():
        done.left = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    return done
