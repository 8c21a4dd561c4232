"""``coprod build``: make the documents of projects, like make: only what is out of date, in parallel.

Kept light on purpose: a build with nothing to do runs without importing pydantic, Jinja or python-docx
(the producer that needs them is built only in worker processes, and only when there is work).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coprod import __version__

if TYPE_CHECKING:
    from coprod.pipeline.plan import BuildPlan
    from coprod.pipeline.producer import Producer
    from coprod.pipeline.report import Reporter


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of jobs, found {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 job, found {number}")
    return number


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_producer(root: Path, templates: Path | None = None) -> Producer:
    """The real producer (imported here, in the process that needs it: a worker, or for the index)."""
    from coprod.pipeline.adapter import RealProducer

    return RealProducer(root, templates)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``coprod build``."""
    parser.add_argument("projects", nargs="*", metavar="PROJECT",
                        help="project folders or files (default: every project under projects/)")
    parser.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                        help="build folder (default: build)")
    parser.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                        help="worker processes (default: the number of CPUs)")
    parser.add_argument("--format", choices=["md", "docx", "pdf", "all"], default=None,
                        help="which outputs to build: all is md, docx and pdf (default: md and docx; "
                             "pdf needs LibreOffice)")
    parser.add_argument("--templates", type=Path, default=None, metavar="DIR",
                        help="a clause library (documents/ and clauses/) to use instead of coprod's own")
    parser.add_argument("--clean", action="store_true",
                        help="leave out drafting notes (clean copies for signature)")
    parser.add_argument("--force", action="store_true", help="rebuild everything")
    parser.add_argument("--keep-drafts", action="store_true",
                        help="keep each draft's project file and documents in <out>/<slug>/drafts/draft-N, "
                             "for coprod compare --against without git")
    parser.add_argument("--dry-run", "-n", action="store_true",
                        help="list what would be rebuilt and why; change nothing")
    parser.add_argument("--watch", action="store_true",
                        help="keep running: build again whenever a project, template or framework file "
                             "changes (Ctrl-C stops)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--quiet", "-q", action="store_true", help="print failures only")
    output.add_argument("--json", action="store_true", help="print a JSON summary")


def _user_frameworks(files: list[Path]) -> str:
    """The user's framework files the projects can see, as 'folder/name' (a listing: no file is read).

    Mirrors `coprod.loading.frameworks.user_folder` without importing it (the no-op path stays light).
    """
    folders = {path.parent.parent.parent if path.parent.parent.name == "projects" else path.parent
               for path in (file.absolute() for file in files)}
    names = sorted(str(found) for folder in folders for found in (folder / "frameworks").glob("*.yaml"))
    return ",".join(names)


def _plan(args: argparse.Namespace, root: Path) -> BuildPlan:
    """The build the arguments ask for (projects are looked up again on each call: --watch)."""
    from coprod.loading.discover import find_projects
    from coprod.loading.portable import check_folder_name, shown
    from coprod.pipeline.plan import BuildPlan, ProjectSource, Settings
    from coprod.pipeline.targets import Format

    files, refused = [], []
    for path in find_projects(args.projects, root):
        message = check_folder_name(path)
        if message is None:
            files.append(path)
        else:  # fails that project only: the others are built and recorded
            refused.append((f"{shown(path.parent.name)}/*", message))
    # absolute(), not resolve(): no symlink walk per project on the no-op path
    sources = tuple(ProjectSource(path.parent.name, str(path.absolute())) for path in files)
    if args.format is None:
        formats: tuple[Format, ...] = (Format.MD, Format.DOCX)
    elif args.format == "all":
        formats = (Format.MD, Format.DOCX, Format.PDF)
    else:
        formats = (Format(args.format),)
    library = str(args.templates.resolve()) if args.templates is not None else ""
    settings = Settings(formats, clean=args.clean, force=args.force, version=__version__, templates=library,
                        frameworks=_user_frameworks(files))
    return BuildPlan(args.out, sources, settings, functools.partial(make_producer, root, args.templates),
                     jobs=args.jobs or default_jobs(), whole_slate=not args.projects, dry_run=args.dry_run,
                     refused=tuple(refused))


def _watch(args: argparse.Namespace, root: Path, reporter: Reporter) -> int:
    import coprod
    from coprod.pipeline.adapter import TEMPLATES_ROOT
    from coprod.pipeline.watch import snapshot, watch

    package = Path(coprod.__file__).resolve().parent
    roots = [args.templates or TEMPLATES_ROOT, TEMPLATES_ROOT / "word", package / "frameworks",
             root / "frameworks", root / "projects"]
    print("coprod: watching the projects, templates and framework files; Ctrl-C stops", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a watch ends
        watch(lambda: _plan(args, root), reporter,
              lambda: snapshot(roots, [Path(p) for p in args.projects if Path(p).is_file()]))
    return 0


def run(args: argparse.Namespace) -> int:
    """Build, report, and return 0 if everything was built, 1 if any target failed."""
    from coprod.errors import UsageError
    from coprod.pipeline.orchestrate import build
    from coprod.pipeline.report import Mode, Reporter

    root = Path.cwd()
    if args.templates is not None and not (args.templates / "documents").is_dir():
        raise UsageError(f"--templates {args.templates}: expected a folder holding documents/ and clauses/, "
                         "found none")
    if args.watch and args.dry_run:
        raise UsageError("--watch builds; it does not go with --dry-run")
    if args.keep_drafts and (args.dry_run or args.watch):
        raise UsageError("--keep-drafts keeps what a build made; it does not go with --dry-run or --watch")
    if args.json:
        mode = Mode.JSON
    elif args.quiet:
        mode = Mode.QUIET
    else:
        mode = Mode.PROGRESS if sys.stderr.isatty() else Mode.PLAIN
    if args.watch:
        return _watch(args, root, Reporter(mode))
    plan = _plan(args, root)
    summary = build(plan, Reporter(mode))
    if args.keep_drafts:
        from coprod.pipeline.drafts import keep_drafts

        keep_drafts(plan.out, plan.sources, summary)
    return 0 if summary.ok else 1
