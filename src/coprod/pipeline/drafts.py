"""``coprod build --keep-drafts``: keep each draft's project file and documents, so a redline needs no git.

After a build, every project that built without a failure gets ``<out>/<slug>/drafts/draft-<N>/`` (N the
draft number of its project file) holding the project file and a copy of each of its outputs as built.
A later draft is compared with it by ``coprod compare PROJECT --against <out>/<slug>/drafts/draft-<N>``.
The folder is rewritten only when the project file's bytes differ from the copy it holds (a later build
of the same draft number replaces it: a draft is what was last built under its number); writes are atomic.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coprod.pipeline.atomic import write_all
from coprod.pipeline.plan import ProjectSource
from coprod.pipeline.report import BuildSummary
from coprod.pipeline.state import open_state

DRAFTS = "drafts"
"""The folder, inside a project's build folder, that keeps its drafts."""
PROJECT_COPY = "project.yaml"


def draft_number(project_file: Path) -> int:
    """The draft number the project file gives (loaded only when its draft is about to be kept)."""
    from coprod.loading.project import load_project  # pydantic: only when a draft changed

    return load_project(project_file).project.draft.number


def keep_drafts(out: Path, sources: Sequence[ProjectSource], summary: BuildSummary) -> list[Path]:
    """Keep the current draft of each project of *sources* that built without failure; return the folders."""
    failed = {target.split("/", 1)[0] for target, _message in summary.failures}
    state = open_state(out, create=False)
    if state is None:
        return []
    try:
        records = state.targets()
    finally:
        state.close()
    written: list[Path] = []
    for source in sources:
        if source.slug in failed or source.slug not in records:
            continue
        project_file = Path(source.project_file)
        text = project_file.read_bytes()
        kept = sorted((out / source.slug / DRAFTS).glob(f"draft-*/{PROJECT_COPY}"))
        if any(copy.read_bytes() == text for copy in kept):
            continue  # this draft is kept already
        folder = out / source.slug / DRAFTS / f"draft-{draft_number(project_file)}"
        copy = folder / PROJECT_COPY
        files = {copy: text}
        prefix = len(source.slug) + 1
        for record in records[source.slug]:
            built = out / record.output
            if built.is_file():
                files[folder / record.output[prefix:]] = built.read_bytes()
        for path in files:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_all(files)
        for stale in folder.rglob("*"):  # an output this draft no longer has (a dropped checklist)
            if stale.is_file() and stale not in files:
                stale.unlink()
        written.append(folder)
    return written
