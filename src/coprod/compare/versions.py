"""The older draft of a project: an earlier project file, or the project as it was at a git revision.

At a revision, what the user keeps in git is taken as it was then: the project file and the user's own
``frameworks/`` folder beside ``projects/``. coprod's own templates and frameworks are those installed,
since a redline compares two drafts of the deal, not two versions of coprod.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from coprod.errors import UsageError
from coprod.loading.frameworks import user_folder

GIT_TIMEOUT_SECONDS = 60
"""No git command of a comparison may take longer (a hung credential prompt, a huge repository)."""
MAX_FILE_BYTES = 2 * 1024 * 1024
"""The largest project or framework file read from a revision, as for files on disk."""


@dataclass(frozen=True, slots=True)
class Older:
    """The older draft's inputs."""

    label: str
    """How messages and documents name it: ``revision 3f2a9c1`` or ``projects/x/old.yaml``."""
    shown: Path
    """The path its errors name: ``projects/x/project.yaml@3f2a9c1``, or the earlier file itself."""
    text: str
    frameworks: Path | None
    """A folder holding the user's framework files as they were, or None to use today's."""


def _git(repository: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise UsageError("--against: comparing with a revision needs git, which was not found; install git, "
                         "or give an earlier project file instead")
    try:
        return subprocess.run([git, "-C", str(repository), *arguments], capture_output=True, check=False,
                              timeout=GIT_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise UsageError(f"--against: git did not answer within {GIT_TIMEOUT_SECONDS} s "
                         f"(git {' '.join(arguments)})") from None


def _text(data: bytes, what: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"{what}: expected a file of at most 2 MiB, found {len(data):,} bytes")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise UsageError(f"{what}: expected UTF-8 text, found a byte that is not ({error.reason} at byte "
                         f"{error.start})") from None


def _repository(project_file: Path) -> Path:
    found = _git(project_file.parent, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise UsageError(f"--against: {project_file} is not in a git repository, so a revision cannot be "
                         "read; give an earlier project file instead")
    return Path(found.stdout.decode().strip())


def _commit(repository: Path, revision: str) -> str:
    if revision.startswith("-"):
        raise UsageError(f"--against: expected a revision or a file, found '{revision}'")
    found = _git(repository, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise UsageError(f"--against: expected a git revision (a commit, branch or tag) or an existing file, "
                         f"found '{revision}', which is neither")
    return found.stdout.decode().strip()


def _relative(path: Path, repository: Path) -> PurePosixPath:
    return PurePosixPath(path.resolve().relative_to(repository.resolve()).as_posix())


def _show(repository: Path, commit: str, path: PurePosixPath) -> bytes | None:
    found = _git(repository, "show", f"{commit}:{path}")
    return found.stdout if found.returncode == 0 else None


@contextmanager
def older_draft(project_file: Path, shown: Path, against: str) -> Iterator[Older]:
    """The older draft named by *against*, for the duration of a comparison.

    *against* is an earlier project file, a folder holding one (a draft kept by ``build --keep-drafts``),
    or else a git revision.

    Raises:
        UsageError: *against* is neither a file nor a revision, or the project file is not in it.
    """
    candidate = Path(against)
    if candidate.is_dir() and (candidate / "project.yaml").is_file():  # a draft kept by --keep-drafts
        candidate = candidate / "project.yaml"
    if candidate.is_file():
        yield Older(str(candidate), candidate, _text(candidate.read_bytes(), str(candidate)), None)
        return
    repository = _repository(project_file)
    commit = _commit(repository, against)
    short = commit[:7]
    relative = _relative(project_file, repository)
    data = _show(repository, commit, relative)
    if data is None:
        raise UsageError(f"--against: {relative} did not exist at revision {against} ({short})")
    label = f"revision {against}" if against.startswith(short) else f"revision {against} ({short})"
    text = _text(data, f"{relative} at revision {short}")
    folder = user_folder(project_file)
    with tempfile.TemporaryDirectory(prefix="coprod-compare-") as temp:
        frameworks = _frameworks_at(repository, commit, folder, Path(temp))
        yield Older(label, Path(f"{shown}@{short}"), text, frameworks)


def _frameworks_at(repository: Path, commit: str, folder: Path, into: Path) -> Path | None:
    """Copy the user's framework files as they were at *commit* into *into*; None if there were none."""
    try:
        relative = _relative(folder, repository)
    except ValueError:  # the frameworks folder lies outside the repository: today's files apply
        return None
    listing = _git(repository, "ls-tree", "--name-only", commit, "--", f"{relative}/")
    names = [PurePosixPath(line) for line in listing.stdout.decode().splitlines() if line.endswith(".yaml")]
    for name in names:
        data = _show(repository, commit, name)
        if data is not None:
            (into / name.name).write_bytes(data)
    return into
